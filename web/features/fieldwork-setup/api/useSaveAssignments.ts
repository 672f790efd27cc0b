import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { AssignmentsUpdate, FieldworkSetup } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** PUT /api/campaigns/:campaignId/fieldwork/assignments — replaces every assignment of the campaign. */
export function useSaveAssignments(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: AssignmentsUpdate) =>
      api.put('/api/campaigns/{campaignId}/fieldwork/assignments', { params: { campaignId }, body: update }),
    onSuccess: ({ enumerators, supervisors }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, enumerators, supervisors });
    },
  });
}
