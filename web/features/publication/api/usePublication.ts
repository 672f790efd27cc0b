import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

const key = (campaignId: string) => ['campaigns', campaignId, 'publication'] as const;

/** GET /api/campaigns/:campaignId/publication — current version, history, what blocks publishing. */
export function usePublication(campaignId: string) {
  return useQuery({
    queryKey: key(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/publication', { params: { campaignId }, signal }),
  });
}

/** POST (publish a new version) / DELETE (withdraw) /api/campaigns/:campaignId/publication */
export function usePublicationActions(campaignId: string) {
  const client = useQueryClient();
  const done = () => Promise.all([client.invalidateQueries({ queryKey: key(campaignId) }), client.invalidateQueries({ queryKey: ['public'] })]);
  return {
    publish: useMutation({ mutationFn: () => api.post('/api/campaigns/{campaignId}/publication', { params: { campaignId } }), onSuccess: done }),
    withdraw: useMutation({ mutationFn: () => api.delete('/api/campaigns/{campaignId}/publication', { params: { campaignId } }), onSuccess: done }),
  };
}
