import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { Respondent, RespondentFilters } from '../../../shared/api/types';
import { leadershipKeys } from './paths';

/** GET …/leadership/respondents?status=&group=&unitId= */
export function useRespondents(campaignId: string, filters: RespondentFilters = {}) {
  return useQuery({
    queryKey: leadershipKeys.respondents(campaignId, filters),
    queryFn: ({ signal }): Promise<Respondent[]> => api.get('/api/campaigns/{campaignId}/leadership/respondents', { params: { campaignId }, query: filters, signal }).then((r) => r.respondents),
    placeholderData: keepPreviousData,
  });
}
