import type { Kysely, Updateable } from 'kysely';
import type { AppUserTable, DB, Role } from '../../db/schema';

const COLUMNS = ['id', 'username', 'display_name', 'role', 'active', 'created_at', 'unit_id', 'email', 'must_change_password'] as const;

export const listUsers = (db: Kysely<DB>) => db.selectFrom('app_user').select(COLUMNS).orderBy('username').execute();

export const findUser = (db: Kysely<DB>, id: string) =>
  db.selectFrom('app_user').select(COLUMNS).where('id', '=', id).executeTakeFirst();

export const insertUser = (db: Kysely<DB>, u: { username: string; display_name: string; role: Role; password_hash: string; unit_id?: string | null; email?: string | null; must_change_password?: boolean }) =>
  db.insertInto('app_user').values(u).onConflict((oc) => oc.column('username').doNothing()).returning(COLUMNS).executeTakeFirst();

export const updateUser = (db: Kysely<DB>, id: string, patch: Updateable<AppUserTable>) =>
  Object.keys(patch).length === 0
    ? findUser(db, id)
    : db.updateTable('app_user').set(patch).where('id', '=', id).returning(COLUMNS).executeTakeFirst();

export const deleteUserSessions = (db: Kysely<DB>, userId: string) =>
  db.deleteFrom('user_session').where('user_id', '=', userId).execute();

export const findUnitName = (db: Kysely<DB>, id: string) =>
  db.selectFrom('unit').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

export const unitNames = async (db: Kysely<DB>) =>
  new Map((await db.selectFrom('unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
