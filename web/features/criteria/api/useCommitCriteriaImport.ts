import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { queryKeys } from '../../../shared/api/queryKeys';
import type { CriteriaImportRequest, CriteriaImportTarget, CriteriaImportTotals } from './types';

/** POST /api/criteria-sets/import — stores the set as a new version of its family (or replaces an unused set). */
export function useCommitCriteriaImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CriteriaImportRequest) =>
      apiFetch<{ target: CriteriaImportTarget; totals: CriteriaImportTotals }>('/api/criteria-sets/import', { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.criteriaSets }),
  });
}
