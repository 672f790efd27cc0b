import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { HistoryEntry } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { scoresPath } from './useUnitScores';

/** GET …/scores/:code/history — who changed what, newest first as the server sends it. */
export function useScoreHistory(campaignId: string, unitId: string, code: string) {
  return useQuery({
    queryKey: queryKeys.scoreHistory(campaignId, unitId, code),
    queryFn: ({ signal }) =>
      apiFetch<{ entries: HistoryEntry[] }>(`${scoresPath(campaignId, unitId)}/${encodeURIComponent(code)}/history`, { signal }).then((r) => r.entries),
    staleTime: 0,
  });
}
