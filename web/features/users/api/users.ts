import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { Role } from '../../../shared/api/types';

/** An account as GET /api/users lists it (unit officers belong to one unit). */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  unitId: string | null;
  unitName: string | null;
  email: string | null;
  /** the password was set by an admin or generated: the person sets their own at the next login */
  mustChangePassword: boolean;
}

export interface NewAccount {
  username: string; displayName: string; role: Role; password: string; unitId: string | null; email: string | null;
  /** the person must set their own password at the first login (the server's default: yes) */
  mustChangePassword: boolean;
}
export type AccountChanges = Partial<Omit<NewAccount, 'username'> & { active: boolean }>;

const usersKey = ['users'] as const;

/** GET /api/users (admins) */
export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => apiFetch<{ users: Account[] }>('/api/users', { signal }).then((r) => r.users),
  });
}

/** POST /api/users */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => apiFetch<{ user: Account }>('/api/users', { method: 'POST', body: account }).then((r) => r.user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** PATCH /api/users/:id */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: AccountChanges) => apiFetch<{ user: Account }>(`/api/users/${id}`, { method: 'PATCH', body: changes }).then((r) => r.user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
