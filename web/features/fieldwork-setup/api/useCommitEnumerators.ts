import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/**
 * POST …/fieldwork/enumerators/commit — creates / updates the accounts and their units in one transaction.
 * Refused as a whole (400 `validation`, `details.errors`) when any row is wrong.
 */
export function useCommitEnumerators(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/fieldwork/enumerators/commit', { params: { campaignId }, body: { text } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkSetup(campaignId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkDashboard(campaignId) });
    },
  });
}
