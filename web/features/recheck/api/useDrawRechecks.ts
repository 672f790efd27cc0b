import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Recheck, RecheckDraw } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { rechecksPath } from './useRechecks';

/** POST …/fieldwork/rechecks/draw — per enumerator, ceil(percent % of the accepted forms not drawn yet), seeded. */
export function useDrawRechecks(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draw: RecheckDraw) => apiFetch<{ drawn: Recheck[] }>(`${rechecksPath(campaignId)}/draw`, { method: 'POST', body: draw }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkRechecks(campaignId) }),
  });
}
