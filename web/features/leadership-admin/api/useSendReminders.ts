import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/reminders/send — one reminder to every invited non-responder the reminder rules allow. */
export function useSendReminders(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ queued: number }>(`${leadershipPath(campaignId)}/reminders/send`, { method: 'POST', body: {} }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
