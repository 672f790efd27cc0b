import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { CampaignCriteriaSets } from './types';

const key = (campaignId: string) => ['campaigns', campaignId, 'criteria-sets'] as const;

/** GET /api/campaigns/:campaignId/criteria-sets — the criteria set per unit kind. */
export function useCampaignCriteriaSets(campaignId: string) {
  return useQuery({
    queryKey: key(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/criteria-sets', { params: { campaignId }, signal }),
  });
}

/** PUT /api/campaigns/:campaignId/criteria-sets — refused once self-assessment has started. */
export function useSaveCampaignCriteriaSets(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (byKind: CampaignCriteriaSets['byKind']) =>
      api.put('/api/campaigns/{campaignId}/criteria-sets', { params: { campaignId }, body: { byKind } }),
    onSuccess: (data) => {
      queryClient.setQueryData(key(campaignId), data);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] });
    },
  });
}
