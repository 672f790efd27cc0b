import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/reminders/send-before-gap — the admin's confirmed, audited send ahead of the gap, before the deadline. */
export function useSendRemindersBeforeGap(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/campaigns/{campaignId}/leadership/reminders/send-before-gap', { params: { campaignId }, body: { confirm: true } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
