import { sql, type Kysely } from 'kysely';

// SIPAS results in the database (issue 5, 1,000,000 forms): a typed copy of each form's factor scale answers,
// in the questionnaire's `scaleAnswerIds` order, filled on ingest and backfilled before a recompute where null.
// Aggregating smallint[] instead of decoding JSONB per form is what brings the recompute under 5 seconds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sipas_form').addColumn('scale_answers', sql`smallint[]`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sipas_form').dropColumn('scale_answers').execute();
}
