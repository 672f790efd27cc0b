import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { MailKind, MailPreview } from '../../../shared/api/types';
import { leadershipPath } from './paths';

/** POST …/leadership/preview — the stored template rendered for one respondent (the first when none is given), with a sample link. */
export function usePreviewMessage(campaignId: string) {
  return useMutation({
    mutationFn: (request: { kind: MailKind; respondentId?: string }) =>
      apiFetch<MailPreview>(`${leadershipPath(campaignId)}/preview`, { method: 'POST', body: request }),
  });
}
