import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { RespondentChanges } from '../../../shared/api/types';
import { leadershipKeys } from './paths';

/** PATCH …/leadership/respondents/:respondentId */
export function useUpdateRespondent(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ respondentId, changes }: { respondentId: string; changes: RespondentChanges }) =>
      api.patch('/api/campaigns/{campaignId}/leadership/respondents/{respondentId}', { params: { campaignId, respondentId }, body: changes }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
