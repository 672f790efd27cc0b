import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { NewCampaign } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/campaigns */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (campaign: NewCampaign) =>
      api.post('/api/campaigns', { body: campaign }).then((r) => r.campaign),
    onSuccess: (campaign) => {
      queryClient.setQueryData(queryKeys.campaign(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
    },
  });
}
