import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { hashPassword } from '../auth/passwords';
import * as repo from './repository';

type UserRow = Awaited<ReturnType<typeof repo.listUsers>>[number];
const toApi = (u: UserRow) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role, active: u.active });

export const listUsers = async (db: Kysely<DB>) => (await repo.listUsers(db)).map(toApi);

export async function createUser(db: Kysely<DB>, input: { username: string; displayName: string; role: Role; password: string }) {
  const row = await repo.insertUser(db, {
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    password_hash: await hashPassword(input.password),
  });
  if (!row) throw conflict({ vi: `Tên đăng nhập "${input.username}" đã tồn tại.`, en: `Username "${input.username}" already exists.` });
  return toApi(row);
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  input: { displayName?: string; role?: Role; active?: boolean; password?: string },
) {
  const row = await repo.updateUser(db, id, {
    ...(input.displayName !== undefined && { display_name: input.displayName }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.password !== undefined && { password_hash: await hashPassword(input.password) }),
  });
  if (!row) throw notFound({ vi: 'người dùng', en: 'User' });
  // a changed password, role or deactivation ends the user's sessions
  if (input.password !== undefined || input.role !== undefined || input.active === false) await repo.deleteUserSessions(db, id);
  return toApi(row);
}
