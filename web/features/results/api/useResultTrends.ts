import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

export const resultTrendsKey = (campaignId: string) => ['campaigns', campaignId, 'results', 'trends'] as const;

/** GET …/results/trends — totals over the years (previous campaigns) and the campaign's response rates. */
export function useResultTrends(campaignId: string) {
  return useQuery({
    queryKey: resultTrendsKey(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/results/trends', { params: { campaignId }, signal }),
    retry: false,
  });
}
