import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { MailKind } from '../../../shared/api/types';

/** POST …/leadership/preview — the stored template rendered for one respondent (the first when none is given), with a sample link. */
export function usePreviewMessage(campaignId: string) {
  return useMutation({
    mutationFn: (request: { kind: MailKind; respondentId?: string }) =>
      api.post('/api/campaigns/{campaignId}/leadership/preview', { params: { campaignId }, body: request }),
  });
}
