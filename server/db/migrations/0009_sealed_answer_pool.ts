import { sql, type Kysely } from 'kysely';

// Issue 9, anonymity against whoever reads the database: pending leadership answers are sealed (AES-256-GCM, key
// outside the database) instead of waiting in plain JSON beside the respondent's "answered" flag. A sealed row holds
// a random id, its campaign, the key's fingerprint and the ciphertext — no time, no sequence, no group, no unit.
export async function up(db: Kysely<unknown>): Promise<void> {
  // answers still waiting in the old plaintext pool were readable (and joinable by xmin) already: they are released
  // now, in random order, so that the next release's full reshuffle covers them like every other sheet
  await sql`insert into leadership_answer_sheet (campaign_id, respondent_group, unit_id, questionnaire_id, questionnaire_version, answers)
    select campaign_id, respondent_group, unit_id, questionnaire_id, questionnaire_version, answers
    from leadership_answer_pool order by gen_random_uuid()`.execute(db);
  await db.schema.dropTable('leadership_answer_pool').execute();

  await db.schema
    .createTable('leadership_sealed_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leadership_sealed_answer_campaign_idx').on('leadership_sealed_answer').column('campaign_id').execute();

  // what remains pending when a campaign closes is released without its group (and unit) when at least 5 such
  // answers exist together: those sheets have no group
  await db.schema.alterTable('leadership_answer_sheet').alterColumn('respondent_group', (c) => c.dropNotNull()).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('leadership_sealed_answer').execute();
  await db.schema
    .createTable('leadership_answer_pool')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'uuid')
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .execute();
}
