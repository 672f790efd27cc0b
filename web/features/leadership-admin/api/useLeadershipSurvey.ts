import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { LeadershipSurveyResponse } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** GET /api/campaigns/:campaignId/leadership — the survey's settings (null before it is set up) and the server's defaults. */
export function useLeadershipSurvey(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.survey(campaignId),
    queryFn: ({ signal }) => apiFetch<LeadershipSurveyResponse>(leadershipPath(campaignId), { signal }),
  });
}
