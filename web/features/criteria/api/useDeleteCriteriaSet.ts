import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { queryKeys } from '../../../shared/api/queryKeys';

/** DELETE /api/criteria-sets/:code — only a set no campaign uses (409 otherwise). */
export function useDeleteCriteriaSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => apiFetch<{ deleted: string }>(`/api/criteria-sets/${encodeURIComponent(code)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.criteriaSets }),
  });
}
