import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** DELETE /api/criteria-sets/:code — only a set no campaign uses (409 otherwise). */
export function useDeleteCriteriaSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.delete('/api/criteria-sets/{code}', { params: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.criteriaSets }),
  });
}
