import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ApplyResultsRequest, ApplyResultsResponse, LeadershipResults, SipasResults } from '../../../shared/api/contract';

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/results`;
export const resultKeys = {
  all: (campaignId: string) => ['campaigns', campaignId, 'results'] as const,
  sipas: (campaignId: string, by: string) => ['campaigns', campaignId, 'results', 'sipas', by] as const,
  leadership: (campaignId: string, byGroup: boolean) => ['campaigns', campaignId, 'results', 'leadership', byGroup] as const,
};

/** GET …/results/sipas — indices of the accepted forms with SEs and CIs. */
export function useSipasResults(campaignId: string, by: 'unit' | 'gov_level') {
  return useQuery({
    queryKey: resultKeys.sipas(campaignId, by),
    queryFn: ({ signal }) => apiFetch<SipasResults>(`${base(campaignId)}/sipas?by=${by}`, { signal }),
    retry: false,
  });
}

/** GET …/results/leadership — the 22 leadership sub-criteria. */
export function useLeadershipResults(campaignId: string, byGroup: boolean) {
  return useQuery({
    queryKey: resultKeys.leadership(campaignId, byGroup),
    queryFn: ({ signal }) => apiFetch<LeadershipResults>(`${base(campaignId)}/leadership?byGroup=${byGroup}`, { signal }),
    retry: false,
  });
}

/** POST …/results/apply — writes the points into the score leaves (audited). */
export function useApplyResults(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplyResultsRequest) => apiFetch<ApplyResultsResponse>(`${base(campaignId)}/apply`, { method: 'POST', body }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] }),
  });
}
