import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { FieldworkPlan, FieldworkSetup } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PUT /api/campaigns/:campaignId/fieldwork/plan */
export function useSavePlan(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: FieldworkPlan) => api.put('/api/campaigns/{campaignId}/fieldwork/plan', { params: { campaignId }, body: plan }),
    onSuccess: ({ plan }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, plan });
    },
  });
}
