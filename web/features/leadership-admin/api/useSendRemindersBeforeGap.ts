import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/reminders/send-before-gap — the admin's confirmed, audited send ahead of the gap, before the deadline. */
export function useSendRemindersBeforeGap(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ queued: number }>(`${leadershipPath(campaignId)}/reminders/send-before-gap`, { method: 'POST', body: { confirm: true } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
