import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Ranking } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns/:campaignId/ranking — units ranked within their groups, with the change from the previous campaign. */
export function useRanking(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.ranking(campaignId),
    queryFn: ({ signal }) => apiFetch<Ranking>(`/api/campaigns/${encodeURIComponent(campaignId)}/ranking`, { signal }),
  });
}
