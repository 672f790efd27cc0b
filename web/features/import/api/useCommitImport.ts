import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ImportCommitRequest, ImportCommitResult } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST …/imports/commit — stores the table's scores, keeping the printed value where `keepStated` says so. */
export function useCommitImport(campaignId: string, unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportCommitRequest) =>
      apiFetch<ImportCommitResult>(`/api/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/imports/commit`, {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.scores(campaignId, unitId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ranking(campaignId) });
    },
  });
}
