import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { User } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

export interface Credentials {
  username: string;
  password: string;
}

/** POST /api/auth/login — on success the user becomes the current user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      apiFetch<{ user: User }>('/api/auth/login', { method: 'POST', body: credentials }).then((r) => r.user),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
