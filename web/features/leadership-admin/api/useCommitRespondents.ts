import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/respondents/commit — all rows in one transaction; refused as a whole (400, `details.errors`) when any row is wrong. */
export function useCommitRespondents(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/leadership/respondents/commit', { params: { campaignId }, body: { text } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
