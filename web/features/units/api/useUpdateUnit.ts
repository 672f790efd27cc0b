import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { Unit, UnitChanges } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PATCH /api/units/:unitId — name and group. */
export function useUpdateUnit(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: UnitChanges) =>
      api.patch('/api/units/{id}', { params: { id: unitId }, body: changes }).then((r) => r.unit),
    onSuccess: (unit) => {
      queryClient.setQueryData<Unit[]>(queryKeys.units, (units) => units?.map((u) => (u.id === unit.id ? unit : u)));
      // names and groups show up in rankings
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
    },
  });
}
