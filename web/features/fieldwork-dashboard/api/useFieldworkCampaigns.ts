import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';

/** A campaign with SIPAS fieldwork set up (GET /api/fieldwork/campaigns). */
export interface FieldworkCampaign {
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  startsOn: string | null;
  endsOn: string | null;
  /** forms received that the signed-in user may review */
  forms: number;
}

/** GET /api/fieldwork/campaigns — the campaigns with a SIPAS plan (a supervisor: those where someone is assigned to them). */
export function useFieldworkCampaigns() {
  return useQuery({
    queryKey: ['fieldwork', 'campaigns'] as const,
    queryFn: ({ signal }) => apiFetch<{ campaigns: FieldworkCampaign[] }>('/api/fieldwork/campaigns', { signal }).then((r) => r.campaigns),
    staleTime: 0,
  });
}
