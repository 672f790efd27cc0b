import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch';
import type { BandSet } from './types';
import { queryKeys } from './queryKeys';

/** GET /api/band-sets */
export function useBandSets() {
  return useQuery({
    queryKey: queryKeys.bandSets,
    queryFn: ({ signal }) => apiFetch<{ bandSets: BandSet[] }>('/api/band-sets', { signal }).then((r) => r.bandSets),
    staleTime: 5 * 60_000,
  });
}
