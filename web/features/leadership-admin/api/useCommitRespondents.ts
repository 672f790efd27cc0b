import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { RespondentCommitResult } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/respondents/commit — all rows in one transaction; refused as a whole (400, `details.errors`) when any row is wrong. */
export function useCommitRespondents(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => apiFetch<RespondentCommitResult>(`${leadershipPath(campaignId)}/respondents/commit`, { method: 'POST', body: { text } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
