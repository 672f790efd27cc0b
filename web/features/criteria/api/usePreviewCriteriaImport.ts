import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { CriteriaImportPreview, CriteriaImportRequest } from './types';

/** POST /api/criteria-sets/import/preview — reads and checks a criteria file; stores nothing. */
export function usePreviewCriteriaImport() {
  return useMutation({
    mutationFn: (request: CriteriaImportRequest) =>
      apiFetch<CriteriaImportPreview>('/api/criteria-sets/import/preview', { method: 'POST', body: request }),
  });
}
