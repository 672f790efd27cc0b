import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';

export interface NotApplicableResult {
  criterionCode: string;
  notApplicable: boolean;
  reason: string | null;
  total: number | null;
  max: number;
}

/** PUT /api/campaigns/:campaignId/units/:unitId/not-applicable — a leaf does not apply to a unit (reason required); audited. */
export function useSetNotApplicable(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, ...body }: { unitId: string; criterionCode: string; notApplicable: boolean; reason: string | null }) =>
      apiFetch<NotApplicableResult>(`/api/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/not-applicable`, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] }),
  });
}
