import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { useFieldworkSetup } from '../../../shared/api/useFieldworkSetup';

/** GET …/leadership — only whether the campaign has a leadership survey (its settings are the leadership screens' business). */
function useHasLeadershipSurvey(campaignId: string) {
  return useQuery({
    queryKey: ['campaigns', campaignId, 'survey-data', 'has-leadership-survey'] as const,
    queryFn: ({ signal }) =>
      api.get('/api/campaigns/{campaignId}/leadership', { params: { campaignId }, signal }).then((r) => r.survey !== null),
  });
}

/**
 * Which microdata the campaign can have: SIPAS forms once its fieldwork has a plan, leadership answer sheets once
 * it has a leadership survey. The server refuses the files of the others (404), so they are not offered.
 */
export function useMicrodataSources(campaignId: string) {
  const setup = useFieldworkSetup(campaignId);
  const leadership = useHasLeadershipSurvey(campaignId);
  return {
    isPending: setup.isPending || leadership.isPending,
    error: setup.error ?? leadership.error,
    sipas: setup.data ? setup.data.plan !== null : false,
    leadership: leadership.data ?? false,
  };
}
