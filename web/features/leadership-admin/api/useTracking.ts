import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { LeadershipTracking } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** GET …/leadership/tracking — response rates overall, by group and by unit. */
export function useTracking(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.tracking(campaignId),
    queryFn: ({ signal }) => apiFetch<LeadershipTracking>(`${leadershipPath(campaignId)}/tracking`, { signal }),
    staleTime: 10_000,
  });
}
