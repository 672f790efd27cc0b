import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/invitations/send — an invitation for every respondent who has none yet. */
export function useSendInvitations(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ queued: number }>(`${leadershipPath(campaignId)}/invitations/send`, { method: 'POST', body: {} }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
