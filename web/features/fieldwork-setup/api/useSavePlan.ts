import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { FieldworkPlan, FieldworkSetup } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { fieldworkPath } from '../../../shared/api/useFieldworkSetup';

/** PUT /api/campaigns/:campaignId/fieldwork/plan */
export function useSavePlan(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: FieldworkPlan) => apiFetch<{ plan: FieldworkPlan }>(`${fieldworkPath(campaignId)}/plan`, { method: 'PUT', body: plan }),
    onSuccess: ({ plan }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, plan });
    },
  });
}
