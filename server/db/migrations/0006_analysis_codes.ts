import type { Kysely } from 'kysely';

// SIPAS results of large campaigns (issue 5, 1,000,000 forms): a compact copy of each form's answers the results
// read instead of the JSON — one byte per factor scale question (survey-forms `scaleAnswerIds` order, 255 blank),
// then the "improve" choices (analytics/src/sipas-codes.ts). Filled on ingest; backfilled before a recompute.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sipas_form').addColumn('analysis_codes', 'bytea').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sipas_form').dropColumn('analysis_codes').execute();
}
