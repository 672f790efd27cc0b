import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { AppError } from '../../errors';
import { deleteSession, deleteExpiredSessions, findUserByUsername, insertSession } from './repository';
import { dummyPasswordHash, hashToken, newToken, verifyPassword } from './passwords';

export async function login(db: Kysely<DB>, username: string, password: string, ttl: { hours: number; enumeratorHours: number }) {
  const user = await findUserByUsername(db, username);
  // verify against a dummy hash when the user is unknown: the same work either way
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    throw new AppError(401, 'invalid_credentials', {
      vi: 'Sai tên đăng nhập hoặc mật khẩu.',
      en: 'Wrong username or password.',
    });
  }
  await deleteExpiredSessions(db);
  const token = newToken();
  const expiresAt = new Date(Date.now() + (user.role === 'enumerator' ? ttl.enumeratorHours : ttl.hours) * 3600_000);
  await insertSession(db, hashToken(token), user.id, expiresAt);
  const sessionUser: SessionUser = { id: user.id, username: user.username, displayName: user.display_name, role: user.role };
  return { token, expiresAt, user: sessionUser };
}

export const logout = (db: Kysely<DB>, token: string) => deleteSession(db, hashToken(token));
