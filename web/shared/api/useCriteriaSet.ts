import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { CriteriaSetDetail } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/criteria-sets/:code — a versioned criteria set with its criteria in printed order. */
export function useCriteriaSet(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.criteriaSet(code ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ criteriaSet: CriteriaSetDetail }>(`/api/criteria-sets/${encodeURIComponent(code ?? '')}`, { signal }).then(
        (r) => r.criteriaSet,
      ),
    enabled: Boolean(code),
    staleTime: 5 * 60_000,
  });
}
