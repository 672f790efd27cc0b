import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { CriteriaSetSummary } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/criteria-sets */
export function useCriteriaSets() {
  return useQuery({
    queryKey: queryKeys.criteriaSets,
    queryFn: ({ signal }) =>
      apiFetch<{ criteriaSets: CriteriaSetSummary[] }>('/api/criteria-sets', { signal }).then((r) => r.criteriaSets),
    staleTime: 5 * 60_000,
  });
}
