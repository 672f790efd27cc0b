import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { LeadershipSurvey, LeadershipSurveyResponse } from '../../../shared/api/types';
import { leadershipKeys } from './paths';

/** PUT /api/campaigns/:campaignId/leadership */
export function useSaveSurvey(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (survey: LeadershipSurvey) => api.put('/api/campaigns/{campaignId}/leadership', { params: { campaignId }, body: survey }),
    onSuccess: ({ survey }) => {
      queryClient.setQueryData<LeadershipSurveyResponse>(leadershipKeys.survey(campaignId), (current) => (current ? { ...current, survey } : current));
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.progress(campaignId) });
    },
  });
}
