import { sql, type Kysely } from 'kysely';

// How a campaign's published tables round aggregated scores (issue 12 point 13): rounding is a property of a
// publication, not of a criteria set's year. One row per inner criterion whose rounding the campaign states:
// `decimals` = the node's sum is rounded to that many decimals before it is added upward; null = not rounded.
// Codes without a row keep the criteria set's default (seeds/criteria/<code>.rules.json "rounding").
// Set by the analyst, or proposed from an imported table's printed decimals; every change is audited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_score_rounding')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('decimals', 'integer', (c) => c.check(sql`decimals is null or (decimals >= 0 and decimals <= 6)`))
    .addPrimaryKeyConstraint('campaign_score_rounding_pk', ['campaign_id', 'criterion_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_score_rounding').ifExists().execute();
}
