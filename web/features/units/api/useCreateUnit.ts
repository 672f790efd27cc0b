import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { NewUnit } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/units */
export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unit: NewUnit) => api.post('/api/units', { body: unit }).then((r) => r.unit),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}
