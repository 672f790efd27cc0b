import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, UnitTable } from '../../db/schema';

export const listUnits = (db: Kysely<DB>) => db.selectFrom('unit').selectAll().orderBy('position').orderBy('code').execute();

export const findUnit = (db: Kysely<DB>, id: string) => db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUnit = (db: Kysely<DB>, u: Insertable<UnitTable>) =>
  db.insertInto('unit').values(u).onConflict((oc) => oc.column('code').doNothing()).returningAll().executeTakeFirst();

export const updateUnit = (db: Kysely<DB>, id: string, patch: Updateable<UnitTable>) =>
  Object.keys(patch).length === 0
    ? findUnit(db, id)
    : db.updateTable('unit').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
