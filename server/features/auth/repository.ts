import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function insertSession(db: Kysely<DB>, tokenHash: string, userId: string, expiresAt: Date) {
  return db.insertInto('user_session').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

export function findSessionUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.display_name', 'app_user.role', 'app_user.must_change_password'])
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.active', '=', true)
    .executeTakeFirst() as Promise<{ id: string; username: string; display_name: string; role: Role; must_change_password: boolean } | undefined>;
}

export function deleteSession(db: Kysely<DB>, tokenHash: string) {
  return db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export function deleteExpiredSessions(db: Kysely<DB>) {
  return db.deleteFrom('user_session').where('expires_at', '<=', new Date()).execute();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's own new password: the must-change mark goes, and every other session of the user ends. */
export async function setOwnPassword(db: Kysely<DB>, userId: string, passwordHash: string, keepTokenHash: string) {
  await db.updateTable('app_user').set({ password_hash: passwordHash, must_change_password: false }).where('id', '=', userId).execute();
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).execute();
}
