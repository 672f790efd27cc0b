import { sql, type Kysely } from 'kysely';

// Login throttling that survives a restart (issue 9, "Throttling that cannot be forged"): failure counters per
// client IP, per account and per (account, IP), and when an account last logged in from an IP. Keys are sha256
// hashes (no usernames or addresses in clear: people type passwords into the username field).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('ip', 'account', 'account_ip')`))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failures >= 0`))
    .addColumn('window_start', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_failure_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addPrimaryKeyConstraint('login_throttle_pk', ['scope', 'key_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
