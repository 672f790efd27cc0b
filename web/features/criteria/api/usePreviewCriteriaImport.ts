import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { CriteriaImportRequest } from './types';

/** POST /api/criteria-sets/import/preview — reads and checks a criteria file; stores nothing. */
export function usePreviewCriteriaImport() {
  return useMutation({
    mutationFn: (request: CriteriaImportRequest) =>
      api.post('/api/criteria-sets/import/preview', { body: request }),
  });
}
