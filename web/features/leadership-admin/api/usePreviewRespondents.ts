import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { RespondentPreview } from '../../../shared/api/types';
import { leadershipPath } from './paths';

/** POST …/leadership/respondents/preview — reads and checks the CSV; stores nothing. */
export function usePreviewRespondents(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => apiFetch<RespondentPreview>(`${leadershipPath(campaignId)}/respondents/preview`, { method: 'POST', body: { text } }),
  });
}
