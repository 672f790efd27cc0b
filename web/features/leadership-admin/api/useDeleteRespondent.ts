import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { leadershipKeys, leadershipPath } from './paths';

/** DELETE …/leadership/respondents/:respondentId — refused (409) once they responded. */
export function useDeleteRespondent(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (respondentId: string) =>
      apiFetch<void>(`${leadershipPath(campaignId)}/respondents/${encodeURIComponent(respondentId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
