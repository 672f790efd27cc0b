import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { FieldworkSetup, Quota } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PUT /api/campaigns/:campaignId/fieldwork/quotas — replaces every quota of the campaign. */
export function useSaveQuotas(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quotas: Quota[]) => api.put('/api/campaigns/{campaignId}/fieldwork/quotas', { params: { campaignId }, body: { quotas } }),
    onSuccess: ({ quotas }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, quotas });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkDashboard(campaignId) });
    },
  });
}
