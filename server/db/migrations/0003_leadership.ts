import { sql, type Kysely } from 'kysely';

// Leadership e-mail survey: settings, respondents, the mail queue, the demo outbox, and the answer sheets — which
// are kept apart from identities (no respondent id, no token, no foreign key to anyone, no time, random ids).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leadership_survey')
    .addColumn('campaign_id', 'uuid', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'date')
    .addColumn('invitation_subject', 'text', (c) => c.notNull())
    .addColumn('invitation_body', 'text', (c) => c.notNull())
    .addColumn('reminder_subject', 'text', (c) => c.notNull())
    .addColumn('reminder_body', 'text', (c) => c.notNull())
    .addColumn('rate_per_minute', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('reminders_auto', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reminders_max', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('reminders_min_days', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('group_average', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('keep_unit', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('respondent')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('respondent_group', 'text', (c) => c.notNull().check(sql`respondent_group in ('hdnd', 'so', 'huyen', 'xa')`))
    .addColumn('unit_id', 'uuid', (c) => c.references('unit.id'))
    .addColumn('responded', 'boolean', (c) => c.notNull().defaultTo(false))
    // the day only: enough for the response curve, too coarse to match an answer sheet (which has no time at all)
    .addColumn('responded_on', 'date')
    .execute();
  await db.schema.createIndex('respondent_email_idx').on('respondent').expression(sql`campaign_id, lower(email)`).unique().execute();

  // a respondent's valid links: sha256 of each token (the token itself is only ever in the e-mail)
  await db.schema
    .createTable('respondent_link')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('respondent_id', 'uuid', (c) => c.notNull().references('respondent.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('respondent_link_respondent_idx').on('respondent_link').column('respondent_id').execute();

  await db.schema
    .createTable('mail_message')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('respondent_id', 'uuid', (c) => c.notNull().references('respondent.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'cancelled')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    // one message per respondent, kind and sequence: a retry or a restart can never queue the same message twice
    .addUniqueConstraint('mail_message_once', ['respondent_id', 'kind', 'sequence'])
    .execute();
  await db.schema.createIndex('mail_message_due_idx').on('mail_message').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // answers wait here until at least 5 can be moved to the answer sheets together, in random order, in one
  // transaction: neither row order nor transaction ids can then single out one respondent's answers
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

  await db.schema
    .createTable('leadership_answer_sheet')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'uuid')
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['leadership_answer_sheet', 'leadership_answer_pool', 'mail_outbox', 'respondent_link', 'mail_message', 'respondent', 'leadership_survey']) await db.schema.dropTable(t).ifExists().execute();
}
