import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns/:campaignId/units/:unitId/scores — the unit's score tree and band. */
export function useUnitScores(campaignId: string, unitId: string) {
  return useQuery({
    queryKey: queryKeys.scores(campaignId, unitId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/units/{unitId}/scores', { params: { campaignId, unitId }, signal }),
  });
}
