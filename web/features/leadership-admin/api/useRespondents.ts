import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Respondent, RespondentFilters } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

function query(filters: RespondentFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.group) params.set('group', filters.group);
  if (filters.unitId) params.set('unitId', filters.unitId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GET …/leadership/respondents?status=&group=&unitId= */
export function useRespondents(campaignId: string, filters: RespondentFilters = {}) {
  return useQuery({
    queryKey: leadershipKeys.respondents(campaignId, filters),
    queryFn: async ({ signal }): Promise<Respondent[]> =>
      (await apiFetch<{ respondents: Respondent[] }>(`${leadershipPath(campaignId)}/respondents${query(filters)}`, { signal })).respondents,
    placeholderData: keepPreviousData,
  });
}
