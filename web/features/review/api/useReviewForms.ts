import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { FormFilters } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/campaigns/:campaignId/fieldwork/forms — one page of the review queue (the previous page stays on screen while the next loads). */
export function useReviewForms(campaignId: string, filters: FormFilters) {
  return useQuery({
    queryKey: queryKeys.fieldworkForms(campaignId, filters),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/fieldwork/forms', { params: { campaignId }, query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}
