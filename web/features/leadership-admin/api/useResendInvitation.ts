import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/respondents/:respondentId/resend — a new invitation with a new link (the old link stops working). */
export function useResendInvitation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (respondentId: string) =>
      api.post('/api/campaigns/{campaignId}/leadership/respondents/{respondentId}/resend', { params: { campaignId, respondentId } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
