import type { Role, User } from '../api/types';

const EDITOR_ROLES: readonly Role[] = ['admin', 'analyst'];

/** Admins and analysts change data; supervisors read; enumerators have their own app. */
export function canEdit(user: User | null | undefined): boolean {
  return user != null && EDITOR_ROLES.includes(user.role);
}
