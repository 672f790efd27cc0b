import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { RecheckDraw } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST …/fieldwork/rechecks/draw — per enumerator, ceil(percent % of the accepted forms not drawn yet), seeded. */
export function useDrawRechecks(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draw: RecheckDraw) => api.post('/api/campaigns/{campaignId}/fieldwork/rechecks/draw', { params: { campaignId }, body: draw }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkRechecks(campaignId) }),
  });
}
