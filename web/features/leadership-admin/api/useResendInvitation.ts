import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/respondents/:respondentId/resend — a new invitation with a new link (the old link stops working). */
export function useResendInvitation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (respondentId: string) =>
      apiFetch<{ queued: number }>(`${leadershipPath(campaignId)}/respondents/${encodeURIComponent(respondentId)}/resend`, { method: 'POST', body: {} }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
