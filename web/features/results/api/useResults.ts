import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { ApplyResultsRequest, SipasWeightingQuery } from '../../../shared/api/types';

export const resultKeys = {
  all: (campaignId: string) => ['campaigns', campaignId, 'results'] as const,
  sipas: (campaignId: string, by: string, weighting: SipasWeightingQuery = {}) => ['campaigns', campaignId, 'results', 'sipas', by, weighting] as const,
  margins: (campaignId: string) => ['campaigns', campaignId, 'results', 'margins'] as const,
  leadership: (campaignId: string, byGroup: boolean) => ['campaigns', campaignId, 'results', 'leadership', byGroup] as const,
};

/** GET …/results/sipas — indices of the accepted forms with SEs and CIs (strata, raking, trimming, bootstrap as asked). */
export function useSipasResults(campaignId: string, by: string, weighting: SipasWeightingQuery = {}) {
  return useQuery({
    queryKey: resultKeys.sipas(campaignId, by, weighting),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/results/sipas', { params: { campaignId }, query: { by, ...weighting }, signal }),
    retry: false,
  });
}

/** GET …/results/margins — the raking margins and the variables they may use. */
export function useSipasMargins(campaignId: string) {
  return useQuery({
    queryKey: resultKeys.margins(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/results/margins', { params: { campaignId }, signal }),
    retry: false,
  });
}

/** PUT …/results/margins with CSV text `variable,category,population` — all rows or none; a 400 carries per-row errors. */
export function useSaveSipasMargins(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.put('/api/campaigns/{campaignId}/results/margins', { params: { campaignId }, body: { text } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: resultKeys.all(campaignId) }),
  });
}

/** GET …/results/leadership — the 22 leadership sub-criteria. */
export function useLeadershipResults(campaignId: string, byGroup: boolean) {
  return useQuery({
    queryKey: resultKeys.leadership(campaignId, byGroup),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/results/leadership', { params: { campaignId }, query: { byGroup: byGroup ? 'true' : 'false' }, signal }),
    retry: false,
  });
}

/** POST …/results/apply — writes the points into the score leaves (audited). */
export function useApplyResults(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplyResultsRequest) => api.post('/api/campaigns/{campaignId}/results/apply', { params: { campaignId }, body }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['campaigns', campaignId] }),
  });
}
