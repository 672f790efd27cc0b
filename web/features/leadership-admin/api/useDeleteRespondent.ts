import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** DELETE …/leadership/respondents/:respondentId — refused (409) once they responded. */
export function useDeleteRespondent(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (respondentId: string) =>
      api.delete('/api/campaigns/{campaignId}/leadership/respondents/{respondentId}', { params: { campaignId, respondentId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
