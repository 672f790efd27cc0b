import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

export type Credentials = ApiBody<'/api/auth/login', 'post'>;

/** POST /api/auth/login — on success the user becomes the current user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      api.post('/api/auth/login', { body: credentials }).then((r) => r.user),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
