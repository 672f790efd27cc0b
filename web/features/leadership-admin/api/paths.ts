import type { RespondentFilters } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

// Everything of a campaign's leadership survey sits under one prefix, so a change can refresh it all.
export const leadershipKeys = {
  all: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership'] as const,
  survey: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'survey'] as const,
  /** every respondent list of the campaign, whatever its filters (for refreshing) */
  respondentLists: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'respondents'] as const,
  respondents: (campaignId: string, filters: RespondentFilters) => [...queryKeys.campaign(campaignId), 'leadership', 'respondents', filters] as const,
  progress: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'progress'] as const,
  tracking: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'tracking'] as const,
  uncertain: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'uncertain'] as const,
  /** when reminders can go (GET …/reminders) */
  reminders: (campaignId: string) => [...queryKeys.campaign(campaignId), 'leadership', 'reminders'] as const,
  outbox: (limit: number, offset: number) => ['mail-outbox', limit, offset] as const,
};
