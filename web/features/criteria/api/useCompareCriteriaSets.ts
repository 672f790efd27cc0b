import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

/** GET /api/criteria-sets/compare?from=&to= — criteria added, removed and changed. */
export function useCompareCriteriaSets(from: string, to: string) {
  return useQuery({
    queryKey: ['criteria-sets', 'compare', from, to],
    queryFn: ({ signal }) =>
      api.get('/api/criteria-sets/compare', { query: { from, to }, signal }),
    enabled: from !== '' && to !== '',
  });
}
