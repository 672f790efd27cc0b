import { sql, type Kysely } from 'kysely';

// The administrative map as data (issue 14): a unit's validity dates (a commune merged away on 1 July 2025 has
// valid_to 2025-06-30) and its lineage: merges, splits and renames with an effective date, each link from a
// predecessor to a successor carrying the predecessor's share (by population or by a figure the analyst chose).
// Year-over-year change follows these links (analytics/src/lineage-baseline.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('unit')
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .execute();
  await db.schema
    .createTable('unit_lineage_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('merge', 'split', 'rename')`))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('share_basis', 'text', (c) => c.notNull().check(sql`share_basis in ('population', 'figure')`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('unit_lineage_link')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('unit_lineage_event.id').onDelete('cascade'))
    .addColumn('predecessor_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addColumn('successor_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addColumn('share', 'double precision', (c) => c.notNull().check(sql`share > 0`))
    .addPrimaryKeyConstraint('unit_lineage_link_pk', ['event_id', 'predecessor_id', 'successor_id'])
    .addCheckConstraint('unit_lineage_link_distinct', sql`predecessor_id <> successor_id`)
    .execute();
  await db.schema.createIndex('unit_lineage_link_successor_idx').on('unit_lineage_link').column('successor_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('unit_lineage_link').ifExists().execute();
  await db.schema.dropTable('unit_lineage_event').ifExists().execute();
  await db.schema.alterTable('unit').dropColumn('valid_to').dropColumn('valid_from').execute();
}
