import { sql, type Kysely } from 'kysely';

// Raking margins (issue 5, "Weighting"): known population totals per category of a demographic variable of the
// campaign's SIPAS questionnaire (e.g. gender, or the age band of `birth_year`), from the census. The SIPAS results
// rake the design weights to them on request (`calibration=rake`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sipas_margin')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull().check(sql`population > 0`))
    .addPrimaryKeyConstraint('sipas_margin_pk', ['campaign_id', 'variable', 'category'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sipas_margin').execute();
}
