import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/campaigns/:campaignId */
export function useCampaign(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.campaign(campaignId),
    queryFn: ({ signal }) =>
      api.get('/api/campaigns/{id}', { params: { id: campaignId }, signal }).then((r) => r.campaign),
  });
}
