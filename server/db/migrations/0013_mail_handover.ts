import { sql, type Kysely } from 'kysely';

// E-mail after a crash (issue 9, item 8). A message is claimed in a small batch under a lease (claimed_by,
// lease_until), marked `handing_over` in its own committed write just before the SMTP send, and `sent` (with the
// server's reply and message-id) just after. After a crash only `handing_over` rows are `uncertain`; `claimed` ones go
// back to the queue. The old `sending` state (everything claimed at once) is converted: a message whose respondent
// has no link at all was never handed over (the link was written just before the send) and is queued again; the
// others may have been delivered and become `uncertain`, as do those an earlier restart marked failed for that reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_message').dropConstraint('mail_message_status_check').execute();
  await db.schema
    .alterTable('mail_message')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('handed_over_at', 'timestamptz')
    .addColumn('smtp_response', 'text')
    .addColumn('smtp_message_id', 'text')
    .execute();
  const interrupted = sql<boolean>`(status = 'sending' or (status = 'failed' and last_error like 'Interrupted while sending%'))`;
  const hasLink = sql<boolean>`exists (select 1 from respondent_link l where l.respondent_id = mail_message.respondent_id)`;
  await sql`update mail_message set status = 'queued', next_attempt_at = now(), last_error = null where ${interrupted} and not ${hasLink}`.execute(db);
  await sql`update mail_message set status = 'uncertain', last_error = 'Interrupted while sending (before this version recorded the hand-over to SMTP): may or may not have been delivered.' where ${interrupted}`.execute(db);
  await db.schema
    .alterTable('mail_message')
    .addCheckConstraint('mail_message_status_check', sql`status in ('queued', 'claimed', 'handing_over', 'sent', 'uncertain', 'failed', 'cancelled')`)
    .execute();
  await db.schema.createIndex('mail_message_uncertain_idx').on('mail_message').columns(['campaign_id']).where(sql.ref('status'), '=', 'uncertain').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_message_uncertain_idx').ifExists().execute();
  await db.schema.alterTable('mail_message').dropConstraint('mail_message_status_check').execute();
  await sql`update mail_message set status = 'failed' where status = 'uncertain'`.execute(db);
  await sql`update mail_message set status = 'queued' where status in ('claimed', 'handing_over')`.execute(db);
  await db.schema.alterTable('mail_message').addCheckConstraint('mail_message_status_check', sql`status in ('queued', 'sending', 'sent', 'failed', 'cancelled')`).execute();
  for (const c of ['claimed_by', 'lease_until', 'handed_over_at', 'smtp_response', 'smtp_message_id']) await db.schema.alterTable('mail_message').dropColumn(c).execute();
}
