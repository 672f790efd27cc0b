import { sql, type Kysely } from 'kysely';

// Weighting: the population of each stratum (a unit, or a unit × level of government) per campaign, entered or
// imported by analysts. Design weight of a form = population of its stratum / accepted forms in that stratum.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sipas_population')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'district', 'commune', 'all')`))
    .addColumn('population', 'integer', (c) => c.notNull().check(sql`population > 0`))
    .addPrimaryKeyConstraint('sipas_population_pk', ['campaign_id', 'unit_id', 'level'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sipas_population').execute();
}
