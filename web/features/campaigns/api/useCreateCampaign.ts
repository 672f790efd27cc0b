import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Campaign, NewCampaign } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/campaigns */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (campaign: NewCampaign) =>
      apiFetch<{ campaign: Campaign }>('/api/campaigns', { method: 'POST', body: campaign }).then((r) => r.campaign),
    onSuccess: (campaign) => {
      queryClient.setQueryData(queryKeys.campaign(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
    },
  });
}
