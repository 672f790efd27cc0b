import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ReminderSchedule } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/**
 * GET …/leadership/reminders — how many reminders can go now, when the next can, per group, and what an admin's
 * send ahead of the gap would reach: the server's own rule (the one the sending applies), never recomputed here.
 */
export function useReminderSchedule(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: leadershipKeys.reminders(campaignId),
    queryFn: ({ signal }) => apiFetch<ReminderSchedule>(`${leadershipPath(campaignId)}/reminders`, { signal }),
    enabled,
    // "from 14:05": a time passes while the page is open; ask again each minute
    refetchInterval: 60_000,
  });
}
