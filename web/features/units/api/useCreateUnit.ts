import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { NewUnit, Unit } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/units */
export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unit: NewUnit) => apiFetch<{ unit: Unit }>('/api/units', { method: 'POST', body: unit }).then((r) => r.unit),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}
