import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { CampaignChanges } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PATCH /api/campaigns/:campaignId — status, name, units, band set, previous campaign. */
export function useUpdateCampaign(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: CampaignChanges) =>
      api.patch('/api/campaigns/{id}', { params: { id: campaignId }, body: changes }).then(
        (r) => r.campaign,
      ),
    onSuccess: (campaign) => {
      queryClient.setQueryData(queryKeys.campaign(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
      // a new band set or previous campaign changes the ranking
      void queryClient.invalidateQueries({ queryKey: queryKeys.ranking(campaign.id) });
    },
  });
}
