import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { ScoreUpdate, UnitScores } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PUT …/scores/:code — one leaf's appraised / self-assessed score, not-applicable flag, note or evidence numbers. */
export function useUpdateScore(campaignId: string, unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, update }: { code: string; update: ScoreUpdate }) =>
      api.put('/api/campaigns/{campaignId}/units/{unitId}/scores/{code}', { params: { campaignId, unitId, code }, body: update }),
    onSuccess: ({ tree, band }, { code }) => {
      queryClient.setQueryData<UnitScores>(queryKeys.scores(campaignId, unitId), (current) => current && { ...current, tree, band });
      void queryClient.invalidateQueries({ queryKey: queryKeys.scoreHistory(campaignId, unitId, code) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ranking(campaignId) });
    },
  });
}
