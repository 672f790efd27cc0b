import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** GET /api/campaigns/:campaignId/leadership — the survey's settings (null before it is set up) and the server's defaults. */
export function useLeadershipSurvey(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.survey(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/leadership', { params: { campaignId }, signal }),
  });
}
