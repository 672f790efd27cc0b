import { useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../shared/api/openapi';

/** A campaign with SIPAS fieldwork set up; `forms`: forms received that the signed-in user may review. */
export type FieldworkCampaign = ApiResponse<'/api/fieldwork/campaigns'>['campaigns'][number];

/** GET /api/fieldwork/campaigns — the campaigns with a SIPAS plan (a supervisor: those where someone is assigned to them). */
export function useFieldworkCampaigns() {
  return useQuery({
    queryKey: ['fieldwork', 'campaigns'] as const,
    queryFn: ({ signal }) => api.get('/api/fieldwork/campaigns', { signal }).then((r) => r.campaigns),
    staleTime: 0,
  });
}
