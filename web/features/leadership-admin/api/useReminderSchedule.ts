import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/**
 * GET …/leadership/reminders — how many reminders can go now, when the next can, per group, and what an admin's
 * send ahead of the gap would reach: the server's own rule (the one the sending applies), never recomputed here.
 */
export function useReminderSchedule(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: leadershipKeys.reminders(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/leadership/reminders', { params: { campaignId }, signal }),
    enabled,
    // "from 14:05": a time passes while the page is open; ask again each minute
    refetchInterval: 60_000,
  });
}
