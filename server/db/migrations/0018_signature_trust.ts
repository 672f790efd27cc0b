import { sql, type Kysely } from 'kysely';

// Signature check of PDF evidence (issue 13): the CA certificates an admin trusts as roots for signatures on evidence
// (none by default), and a per-campaign setting that makes a valid, trusted signature required on evidence.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signature_trusted_root')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fingerprint_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('der', 'bytea', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('campaign').addColumn('evidence_signature_required', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('evidence_signature_required').execute();
  await db.schema.dropTable('signature_trusted_root').ifExists().execute();
}
