import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET …/scores/:code/history — who changed what, newest first as the server sends it. */
export function useScoreHistory(campaignId: string, unitId: string, code: string) {
  return useQuery({
    queryKey: queryKeys.scoreHistory(campaignId, unitId, code),
    queryFn: ({ signal }) =>
      api.get('/api/campaigns/{campaignId}/units/{unitId}/scores/{code}/history', { params: { campaignId, unitId, code }, signal }).then((r) => r.entries),
    staleTime: 0,
  });
}
