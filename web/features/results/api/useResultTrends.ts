import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ResultTrends } from '../../../shared/api/types';

export const resultTrendsKey = (campaignId: string) => ['campaigns', campaignId, 'results', 'trends'] as const;

/** GET …/results/trends — totals over the years (previous campaigns) and the campaign's response rates. */
export function useResultTrends(campaignId: string) {
  return useQuery({
    queryKey: resultTrendsKey(campaignId),
    queryFn: ({ signal }) => apiFetch<ResultTrends>(`/api/campaigns/${encodeURIComponent(campaignId)}/results/trends`, { signal }),
    retry: false,
  });
}
