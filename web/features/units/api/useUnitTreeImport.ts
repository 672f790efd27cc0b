import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

export type UnitTreeFile = ApiBody<'/api/units/import/preview', 'post'>;
export type UnitTreePreview = ApiResponse<'/api/units/import/preview', 'post'>;

/** POST /api/units/import/preview — reads and checks a unit tree file; stores nothing. */
export function usePreviewUnitTree() {
  return useMutation({ mutationFn: (body: UnitTreeFile) => api.post('/api/units/import/preview', { body }) });
}

/** POST /api/units/import — stores the whole tree in one transaction, or nothing (422 with every problem). */
export function useImportUnitTree() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitTreeFile) => api.post('/api/units/import', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}
