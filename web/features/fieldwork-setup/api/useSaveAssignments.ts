import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { AssignmentsResult, AssignmentsUpdate, FieldworkSetup } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { fieldworkPath } from '../../../shared/api/useFieldworkSetup';

/** PUT /api/campaigns/:campaignId/fieldwork/assignments — replaces every assignment of the campaign. */
export function useSaveAssignments(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: AssignmentsUpdate) =>
      apiFetch<AssignmentsResult>(`${fieldworkPath(campaignId)}/assignments`, { method: 'PUT', body: update }),
    onSuccess: ({ enumerators, supervisors }) => {
      queryClient.setQueryData<FieldworkSetup>(queryKeys.fieldworkSetup(campaignId), (current) => current && { ...current, enumerators, supervisors });
    },
  });
}
