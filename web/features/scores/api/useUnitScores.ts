import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { UnitScores } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

export function scoresPath(campaignId: string, unitId: string): string {
  return `/api/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/scores`;
}

/** GET /api/campaigns/:campaignId/units/:unitId/scores — the unit's score tree and band. */
export function useUnitScores(campaignId: string, unitId: string) {
  return useQuery({
    queryKey: queryKeys.scores(campaignId, unitId),
    queryFn: ({ signal }) => apiFetch<UnitScores>(scoresPath(campaignId, unitId), { signal }),
  });
}
