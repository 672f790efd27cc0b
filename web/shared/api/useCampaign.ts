import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { Campaign } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/campaigns/:campaignId */
export function useCampaign(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.campaign(campaignId),
    queryFn: ({ signal }) =>
      apiFetch<{ campaign: Campaign }>(`/api/campaigns/${encodeURIComponent(campaignId)}`, { signal }).then((r) => r.campaign),
  });
}
