import type { Insertable, Kysely } from 'kysely';
import type { DB, UnitLineageLinkTable } from '../../db/schema';

export const listLineageEvents = (db: Kysely<DB>) =>
  db.selectFrom('unit_lineage_event').selectAll().orderBy('effective_on', 'desc').orderBy('created_at', 'desc').execute();

export const listLineageLinks = (db: Kysely<DB>) =>
  db.selectFrom('unit_lineage_link')
    .innerJoin('unit_lineage_event', 'unit_lineage_event.id', 'unit_lineage_link.event_id')
    .select(['unit_lineage_link.event_id', 'unit_lineage_link.predecessor_id', 'unit_lineage_link.successor_id', 'unit_lineage_link.share', 'unit_lineage_event.kind'])
    .execute();

export const insertLineageEvent = (db: Kysely<DB>, e: { kind: 'merge' | 'split' | 'rename'; effective_on: string; share_basis: 'population' | 'figure'; note: string | null; created_by: string }) =>
  db.insertInto('unit_lineage_event').values(e).returningAll().executeTakeFirstOrThrow();

export const insertLineageLinks = async (db: Kysely<DB>, links: Insertable<UnitLineageLinkTable>[]) => {
  if (links.length > 0) await db.insertInto('unit_lineage_link').values(links).execute();
};

export const deleteLineageEvent = (db: Kysely<DB>, id: string) =>
  db.deleteFrom('unit_lineage_event').where('id', '=', id).returningAll().executeTakeFirst();
