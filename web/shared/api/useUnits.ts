import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/units — every unit the user may see (read by several features). */
export function useUnits() {
  return useQuery({
    queryKey: queryKeys.units,
    queryFn: ({ signal }) => api.get('/api/units', { signal }).then((r) => r.units),
  });
}
