import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { ImportCommitRequest } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST …/imports/commit — stores the table's scores, keeping the printed value where `keepStated` says so. */
export function useCommitImport(campaignId: string, unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportCommitRequest) =>
      api.post('/api/campaigns/{campaignId}/units/{unitId}/imports/commit', { params: { campaignId, unitId }, body: request }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.scores(campaignId, unitId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ranking(campaignId) });
    },
  });
}
