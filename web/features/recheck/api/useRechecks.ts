import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns/:campaignId/fieldwork/rechecks — every form drawn for re-checking (phúc tra) and its outcome. */
export function useRechecks(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkRechecks(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/fieldwork/rechecks', { params: { campaignId }, signal }).then((r) => r.rechecks),
  });
}
