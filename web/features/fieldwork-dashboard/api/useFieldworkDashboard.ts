import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

export const DASHBOARD_REFRESH_MS = 30_000;

/** GET /api/campaigns/:campaignId/fieldwork/dashboard — progress per unit and per enumerator, refreshed every 30 s. */
export function useFieldworkDashboard(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkDashboard(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/fieldwork/dashboard', { params: { campaignId }, signal }),
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
