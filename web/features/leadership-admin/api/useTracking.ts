import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** GET …/leadership/tracking — response rates overall, by group and by unit. */
export function useTracking(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.tracking(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/leadership/tracking', { params: { campaignId }, signal }),
    staleTime: 10_000,
  });
}
