import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';
import type { CriteriaImportRequest } from './types';

/** POST /api/criteria-sets/import — stores the set as a new version of its family (or replaces an unused set). */
export function useCommitCriteriaImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CriteriaImportRequest) =>
      api.post('/api/criteria-sets/import', { body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.criteriaSets }),
  });
}
