import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ImportPreview, ImportRequest } from '../../../shared/api/types';

/** POST …/imports/preview — parses and checks a pasted table; stores nothing. */
export function usePreviewImport(campaignId: string, unitId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      apiFetch<ImportPreview>(`/api/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/imports/preview`, {
        method: 'POST',
        body: request,
      }),
  });
}
