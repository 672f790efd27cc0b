import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/invitations/send — an invitation for every respondent who has none yet. */
export function useSendInvitations(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/campaigns/{campaignId}/leadership/invitations/send', { params: { campaignId } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
