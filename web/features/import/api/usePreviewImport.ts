import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { ImportRequest } from '../../../shared/api/types';

/** POST …/imports/preview — parses and checks a pasted table; stores nothing. */
export function usePreviewImport(campaignId: string, unitId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      api.post('/api/campaigns/{campaignId}/units/{unitId}/imports/preview', { params: { campaignId, unitId }, body: request }),
  });
}
