import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { AppError } from '../../errors';
import { insertAudit } from '../content-scores/repository';
import { deleteSession, deleteExpiredSessions, findUserById, findUserByUsername, insertSession, setOwnPassword } from './repository';
import { dummyPasswordHash, hashPassword, hashToken, newToken, verifyPassword } from './passwords';
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
  const sessionUser = { id: user.id, username: user.username, displayName: user.display_name, role: user.role, mustChangePassword: user.must_change_password } satisfies SessionUser;
  return { token, expiresAt, user: sessionUser };
}

/** The rules a new password must meet beyond its length (checked before the current password is). */
export function checkNewPassword(user: SessionUser, input: { currentPassword: string; newPassword: string }) {
  if (input.newPassword === input.currentPassword) {
    throw new AppError(400, 'validation', {
      vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
      en: 'The new password must differ from the current one.',
    });
  }
  if (input.newPassword.toLowerCase().includes(user.username.toLowerCase())) {
    throw new AppError(400, 'validation', {
      vi: 'Mật khẩu mới không được chứa tên đăng nhập.',
      en: 'The new password must not contain the username.',
    });
  }
}

/**
 * The signed-in user sets their own password (the attempt has been reserved like a login: a stolen session cannot
 * guess the current password faster than a login could). Clears "must change password", ends the user's other
 * sessions (this one stays) and writes the audit log — no password or hash in it. The caller's transaction.
 */
export async function changeOwnPassword(db: Kysely<DB>, user: SessionUser, sessionToken: string, input: { currentPassword: string; newPassword: string }) {
  const row = await findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new AppError(400, 'validation', {
      vi: 'Mật khẩu hiện tại không đúng. Hãy nhập mật khẩu bạn vừa dùng để đăng nhập.',
      en: 'The current password is wrong. Enter the password you signed in with.',
    });
  }
  await setOwnPassword(db, user.id, await hashPassword(input.newPassword), hashToken(sessionToken));
  await insertAudit(db, [{ user_id: user.id, action: 'change_own_password', entity: 'app_user', entity_key: user.id,
    old_value: { mustChangePassword: row.must_change_password }, new_value: { mustChangePassword: false } }]);
  return { ...user, mustChangePassword: false };
}

export const logout = (db: Kysely<DB>, token: string) => deleteSession(db, hashToken(token));
