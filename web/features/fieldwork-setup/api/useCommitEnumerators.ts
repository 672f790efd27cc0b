import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { EnumeratorCommitResult } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { fieldworkPath } from '../../../shared/api/useFieldworkSetup';

/**
 * POST …/fieldwork/enumerators/commit — creates / updates the accounts and their units in one transaction.
 * Refused as a whole (400 `validation`, `details.errors`) when any row is wrong.
 */
export function useCommitEnumerators(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => apiFetch<EnumeratorCommitResult>(`${fieldworkPath(campaignId)}/enumerators/commit`, { method: 'POST', body: { text } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkSetup(campaignId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkDashboard(campaignId) });
    },
  });
}
