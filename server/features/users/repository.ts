import type { Kysely, Updateable } from 'kysely';
import type { AppUserTable, DB, Role } from '../../db/schema';

const COLUMNS = ['id', 'username', 'display_name', 'role', 'active', 'created_at'] as const;

export const listUsers = (db: Kysely<DB>) => db.selectFrom('app_user').select(COLUMNS).orderBy('username').execute();

export const findUser = (db: Kysely<DB>, id: string) =>
  db.selectFrom('app_user').select(COLUMNS).where('id', '=', id).executeTakeFirst();

export const insertUser = (db: Kysely<DB>, u: { username: string; display_name: string; role: Role; password_hash: string }) =>
  db.insertInto('app_user').values(u).onConflict((oc) => oc.column('username').doNothing()).returning(COLUMNS).executeTakeFirst();

export const updateUser = (db: Kysely<DB>, id: string, patch: Updateable<AppUserTable>) =>
  Object.keys(patch).length === 0
    ? findUser(db, id)
    : db.updateTable('app_user').set(patch).where('id', '=', id).returning(COLUMNS).executeTakeFirst();

export const deleteUserSessions = (db: Kysely<DB>, userId: string) =>
  db.deleteFrom('user_session').where('user_id', '=', userId).execute();
