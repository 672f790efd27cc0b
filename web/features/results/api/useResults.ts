import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type {
  ApplyResultsRequest, ApplyResultsResponse, LeadershipResults, SipasMargins, SipasResults, SipasWeightingQuery,
} from '../../../shared/api/types';

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/results`;
export const resultKeys = {
  all: (campaignId: string) => ['campaigns', campaignId, 'results'] as const,
  sipas: (campaignId: string, by: string, weighting: SipasWeightingQuery = {}) => ['campaigns', campaignId, 'results', 'sipas', by, weighting] as const,
  margins: (campaignId: string) => ['campaigns', campaignId, 'results', 'margins'] as const,
  leadership: (campaignId: string, byGroup: boolean) => ['campaigns', campaignId, 'results', 'leadership', byGroup] as const,
};

/** The query string of the SIPAS results: `by` and the weighting options that are set. */
export function sipasQueryString(by: string, weighting: SipasWeightingQuery = {}): string {
  const params = new URLSearchParams({ by });
  for (const [key, value] of Object.entries(weighting) as [keyof SipasWeightingQuery, string | number | undefined][]) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/** GET …/results/sipas — indices of the accepted forms with SEs and CIs (strata, raking, trimming, bootstrap as asked). */
export function useSipasResults(campaignId: string, by: string, weighting: SipasWeightingQuery = {}) {
  return useQuery({
    queryKey: resultKeys.sipas(campaignId, by, weighting),
    queryFn: ({ signal }) => apiFetch<SipasResults>(`${base(campaignId)}/sipas?${sipasQueryString(by, weighting)}`, { signal }),
    retry: false,
  });
}

/** GET …/results/margins — the raking margins and the variables they may use. */
export function useSipasMargins(campaignId: string) {
  return useQuery({
    queryKey: resultKeys.margins(campaignId),
    queryFn: ({ signal }) => apiFetch<SipasMargins>(`${base(campaignId)}/margins`, { signal }),
    retry: false,
  });
}

/** PUT …/results/margins with CSV text `variable,category,population` — all rows or none; a 400 carries per-row errors. */
export function useSaveSipasMargins(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => apiFetch<SipasMargins>(`${base(campaignId)}/margins`, { method: 'PUT', body: { text } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: resultKeys.all(campaignId) }),
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
