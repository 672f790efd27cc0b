import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { UncertainResendResult } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** POST …/leadership/uncertain/resend — a new invitation with a new link to everyone listed as uncertain. */
export function useResendUncertain(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<UncertainResendResult>(`${leadershipPath(campaignId)}/uncertain/resend`, { method: 'POST', body: {} }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leadershipKeys.all(campaignId) }),
  });
}
