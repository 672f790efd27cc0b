import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/** GET /api/criteria-sets/:code — a versioned criteria set with its criteria in printed order. */
export function useCriteriaSet(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.criteriaSet(code ?? ''),
    queryFn: ({ signal }) =>
      api.get('/api/criteria-sets/{code}', { params: { code: code ?? '' }, signal }).then((r) => r.criteriaSet),
    enabled: Boolean(code),
    staleTime: 5 * 60_000,
  });
}
