import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Respondent, RespondentChanges } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** PATCH …/leadership/respondents/:respondentId */
export function useUpdateRespondent(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ respondentId, changes }: { respondentId: string; changes: RespondentChanges }) =>
      apiFetch<{ respondent: Respondent }>(`${leadershipPath(campaignId)}/respondents/${encodeURIComponent(respondentId)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
