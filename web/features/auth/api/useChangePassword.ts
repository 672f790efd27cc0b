import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ChangePasswordRequest, User } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/auth/change-password — the new current user no longer has to change it; their other sessions end. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) =>
      apiFetch<{ user: User }>('/api/auth/change-password', { method: 'POST', body }).then((r) => r.user),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
