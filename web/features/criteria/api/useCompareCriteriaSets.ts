import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { CriteriaComparison } from './types';

/** GET /api/criteria-sets/compare?from=&to= — criteria added, removed and changed. */
export function useCompareCriteriaSets(from: string, to: string) {
  return useQuery({
    queryKey: ['criteria-sets', 'compare', from, to],
    queryFn: ({ signal }) =>
      apiFetch<CriteriaComparison>(`/api/criteria-sets/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { signal }),
    enabled: from !== '' && to !== '',
  });
}
