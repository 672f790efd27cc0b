import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { Recheck, RecheckOutcome } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/fieldwork/rechecks/:recheckId/outcome — a discrepancy reopens the form (back to pending). */
export function useRecordOutcome(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recheckId, outcome, note }: { recheckId: string; outcome: RecheckOutcome; note: string }) =>
      api.post('/api/fieldwork/rechecks/{recheckId}/outcome', { params: { recheckId }, body: { outcome, note } }),
    onSuccess: ({ recheck }) => {
      queryClient.setQueryData<Recheck[]>(queryKeys.fieldworkRechecks(campaignId), (list) => list?.map((r) => (r.recheckId === recheck.recheckId ? recheck : r)));
      if (recheck.outcome === 'discrepancy') {
        // the form went back to the review queue
        void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkForms(campaignId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkDashboard(campaignId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkForm(recheck.formId) });
      }
    },
  });
}
