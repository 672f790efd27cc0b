import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { FieldworkSetup, Quota } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { fieldworkPath } from '../../../shared/api/useFieldworkSetup';

/** PUT /api/campaigns/:campaignId/fieldwork/quotas — replaces every quota of the campaign. */
export function useSaveQuotas(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quotas: Quota[]) => apiFetch<{ quotas: Quota[] }>(`${fieldworkPath(campaignId)}/quotas`, { method: 'PUT', body: { quotas } }),
    onSuccess: ({ quotas }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, quotas });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkDashboard(campaignId) });
    },
  });
}
