import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** POST …/leadership/reminders/send — one reminder to every invited non-responder the reminder rules allow. */
export function useSendReminders(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/campaigns/{campaignId}/leadership/reminders/send', { params: { campaignId } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
