import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/band-sets */
export function useBandSets() {
  return useQuery({
    queryKey: queryKeys.bandSets,
    queryFn: ({ signal }) => api.get('/api/band-sets', { signal }).then((r) => r.bandSets),
    staleTime: 5 * 60_000,
  });
}
