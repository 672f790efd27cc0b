import { sql, type Kysely } from 'kysely';

// E-mail to users (issue 11): the notifications of a self-assessment campaign (phase opened, deadline reminders,
// appraisal comments available, approval) go to app_user.email through the existing transports (SMTP_URL, or the
// in-app outbox). The leadership queue (`mail_message`) is tied to respondents and their single-use links, so users
// get a small queue of their own: one message per in-app notification (unique), claimed under a lease
// (`handing_over` just before the SMTP send), `sent` with the server's reply. After a crash `handing_over` becomes
// `uncertain` (never resent blindly); with the outbox the hand-over and `sent` are one transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_mail')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notification_id', 'bigint', (c) => c.notNull().unique().references('user_notification.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued')
      .check(sql`status in ('queued', 'handing_over', 'sent', 'uncertain', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('smtp_response', 'text')
    .execute();
  await db.schema.createIndex('user_mail_due_idx').on('user_mail').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_mail').ifExists().execute();
}
