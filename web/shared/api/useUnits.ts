import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { Unit } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/units — every unit the user may see (read by several features). */
export function useUnits() {
  return useQuery({
    queryKey: queryKeys.units,
    queryFn: ({ signal }) => apiFetch<{ units: Unit[] }>('/api/units', { signal }).then((r) => r.units),
  });
}
