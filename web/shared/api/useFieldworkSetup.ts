import { useQuery } from '@tanstack/react-query';
import { api } from './openapi';
import { queryKeys } from './queryKeys';

/**
 * GET /api/campaigns/:campaignId/fieldwork — the plan, quotas, enumerators and supervisors (supervisors, analysts,
 * admins). Read by the set-up screen, and by review and re-check for the enumerator list and the plan's defaults.
 */
export function useFieldworkSetup(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkSetup(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/fieldwork', { params: { campaignId }, signal }),
  });
}
