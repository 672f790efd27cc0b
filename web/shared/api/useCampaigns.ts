import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/campaigns (the campaign list, and the fieldwork index) */
export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: ({ signal }) => api.get('/api/campaigns', { signal }).then((r) => r.campaigns),
  });
}
