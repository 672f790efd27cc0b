import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { LeadershipSurvey, LeadershipSurveyResponse } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** PUT /api/campaigns/:campaignId/leadership */
export function useSaveSurvey(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (survey: LeadershipSurvey) => apiFetch<{ survey: LeadershipSurvey }>(leadershipPath(campaignId), { method: 'PUT', body: survey }),
    onSuccess: ({ survey }) => {
      queryClient.setQueryData<LeadershipSurveyResponse>(leadershipKeys.survey(campaignId), (current) => (current ? { ...current, survey } : current));
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.progress(campaignId) });
    },
  });
}
