import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { AppError } from '../../errors';
import { deleteSession, deleteExpiredSessions, findUserByUsername, insertSession } from './repository';
import { dummyPasswordHash, hashToken, newToken, verifyPassword } from './passwords';
import { currentRow, remainingWaitMs, type LoginThrottlePolicy, type ThrottleRows, type ThrottleScope } from './throttle';
import { clearThrottleAfterSuccess, deleteStaleThrottleRows, lockThrottleRows, saveThrottleRow, type ThrottleKeys } from './throttle.repository';

export class LoginThrottled extends AppError {
  constructor(readonly retryAfterMs: number) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    super(429, 'rate_limited', {
      vi: `Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ${seconds} giây.`,
      en: `Too many failed logins. Try again in ${seconds} s.`,
    }, { retryAfterSeconds: seconds, retryAfterMs });
  }
}

/**
 * Before the password is checked (in the caller's transaction): refuses the attempt while a wait is running
 * (LoginThrottled), else counts it as a failure on every counter — taken back by loginSucceeded.
 */
export async function reserveLoginAttempt(trx: Kysely<DB>, keys: ThrottleKeys, policy: LoginThrottlePolicy, now = new Date()) {
  const locked = await lockThrottleRows(trx, keys, now);
  const rows = Object.fromEntries(
    Object.entries(locked).map(([scope, row]) => [scope, currentRow(scope as ThrottleScope, row, now)]),
  ) as ThrottleRows;
  const waitMs = remainingWaitMs(rows, policy, now);
  if (waitMs > 0) throw new LoginThrottled(waitMs);
  for (const [scope, row] of Object.entries(rows)) {
    await saveThrottleRow(trx, scope as ThrottleScope, keys[scope as ThrottleScope], { ...row, failures: row.failures + 1, last_failure_at: now });
  }
}

export async function loginSucceeded(trx: Kysely<DB>, keys: ThrottleKeys, now = new Date()) {
  await clearThrottleAfterSuccess(trx, keys, now);
  await deleteStaleThrottleRows(trx, now);
}

/** Checks the password (the attempt has been reserved) and opens a session. */
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
