import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Recheck } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

export const rechecksPath = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/fieldwork/rechecks`;

/** GET /api/campaigns/:campaignId/fieldwork/rechecks — every form drawn for re-checking (phúc tra) and its outcome. */
export function useRechecks(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkRechecks(campaignId),
    queryFn: ({ signal }) => apiFetch<{ rechecks: Recheck[] }>(rechecksPath(campaignId), { signal }).then((r) => r.rechecks),
  });
}
