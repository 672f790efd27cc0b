import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { FormFilters, FormList } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

export function formsPath(campaignId: string, filters: FormFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.flag) params.set('flag', filters.flag);
  if (filters.unitId) params.set('unitId', filters.unitId);
  if (filters.enumeratorId) params.set('enumeratorId', filters.enumeratorId);
  params.set('limit', String(filters.limit));
  params.set('offset', String(filters.offset));
  return `/api/campaigns/${encodeURIComponent(campaignId)}/fieldwork/forms?${params.toString()}`;
}

/** GET /api/campaigns/:campaignId/fieldwork/forms — one page of the review queue (the previous page stays on screen while the next loads). */
export function useReviewForms(campaignId: string, filters: FormFilters) {
  return useQuery({
    queryKey: queryKeys.fieldworkForms(campaignId, filters),
    queryFn: ({ signal }) => apiFetch<FormList>(formsPath(campaignId, filters), { signal }),
    placeholderData: keepPreviousData,
  });
}
