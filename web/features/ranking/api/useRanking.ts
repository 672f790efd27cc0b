import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns/:campaignId/ranking — units ranked within their groups, with the change from the previous campaign. */
export function useRanking(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.ranking(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/ranking', { params: { campaignId }, signal }),
  });
}
