import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

const agenciesKey = (campaignId: string) => ['campaigns', campaignId, 'agencies'] as const;

/**
 * GET /api/campaigns/:campaignId/agencies?unitId= — who is responsible for each field and criterion, as the unit's
 * report has it (the default follows the unit's criteria set and kind).
 */
export function useAgencies(campaignId: string, unitId: string) {
  return useQuery({
    queryKey: [...agenciesKey(campaignId), unitId],
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/agencies', { params: { campaignId }, query: { unitId }, signal }),
  });
}

/**
 * PUT (a new mapping) or DELETE (back to the default) /api/campaigns/:campaignId/agencies; refreshes the mappings
 * and every report of the campaign.
 */
export function useSaveAgencies(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (agencies: Record<string, string[]> | null) =>
      agencies === null
        ? api.delete('/api/campaigns/{campaignId}/agencies', { params: { campaignId } })
        : api.put('/api/campaigns/{campaignId}/agencies', { params: { campaignId }, body: { agencies } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: agenciesKey(campaignId) });
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'campaigns' && q.queryKey[1] === campaignId && q.queryKey.at(-1) === 'report' });
    },
  });
}
