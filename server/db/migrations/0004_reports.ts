import { sql, type Kysely } from 'kysely';

// The yearly report: a campaign's own mapping from fields / criteria to the agency responsible (đơn vị phụ trách).
// No row = the default of seeds/agencies/ for the campaign's criteria set.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_agency_map')
    .addColumn('campaign_id', 'uuid', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
    // { "<criterion code>": ["<agency>", …] }
    .addColumn('agencies', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_agency_map').execute();
}
