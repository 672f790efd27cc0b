import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { Campaign } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/campaigns (the campaign list, and the fieldwork index) */
export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: ({ signal }) => apiFetch<{ campaigns: Campaign[] }>('/api/campaigns', { signal }).then((r) => r.campaigns),
  });
}
