import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Campaign } from '../../../shared/api/contract';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns */
export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: ({ signal }) => apiFetch<{ campaigns: Campaign[] }>('/api/campaigns', { signal }).then((r) => r.campaigns),
  });
}
