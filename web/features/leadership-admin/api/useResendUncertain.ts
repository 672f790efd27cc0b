import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/uncertain/resend — a new invitation with a new link to everyone listed as uncertain. */
export function useResendUncertain(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/campaigns/{campaignId}/leadership/uncertain/resend', { params: { campaignId } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
