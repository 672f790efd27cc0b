import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../shared/api/openapi';

type NotApplicablePath = '/api/campaigns/{campaignId}/units/{unitId}/not-applicable';
export type NotApplicableResult = ApiResponse<NotApplicablePath, 'put'>;

/** PUT /api/campaigns/:campaignId/units/:unitId/not-applicable — a leaf does not apply to a unit (reason required); audited. */
export function useSetNotApplicable(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, ...body }: { unitId: string } & ApiBody<NotApplicablePath, 'put'>) =>
      api.put('/api/campaigns/{campaignId}/units/{unitId}/not-applicable', { params: { campaignId, unitId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] }),
  });
}
