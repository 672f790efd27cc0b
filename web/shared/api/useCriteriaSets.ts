import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/criteria-sets */
export function useCriteriaSets() {
  return useQuery({
    queryKey: queryKeys.criteriaSets,
    queryFn: ({ signal }) =>
      api.get('/api/criteria-sets', { signal }).then((r) => r.criteriaSets),
    staleTime: 5 * 60_000,
  });
}
