import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../shared/api/openapi';

/** An account as GET /api/users lists it (unit officers belong to one unit). */
export type Account = ApiResponse<'/api/users'>['users'][number];
/** POST /api/users (mustChangePassword: the person sets their own password at the first login) */
export type NewAccount = ApiBody<'/api/users', 'post'>;
export type AccountChanges = ApiBody<'/api/users/{id}', 'patch'>;

const usersKey = ['users'] as const;

/** GET /api/users (admins) */
export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get('/api/users', { signal }).then((r) => r.users),
  });
}

/** POST /api/users */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => api.post('/api/users', { body: account }).then((r) => r.user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** PATCH /api/users/:id */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: AccountChanges) => api.patch('/api/users/{id}', { params: { id }, body: changes }).then((r) => r.user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
