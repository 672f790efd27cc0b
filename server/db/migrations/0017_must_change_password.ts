import type { Kysely } from 'kysely';

// Accounts whose password someone else chose or generated (an enumerator list imported from CSV, an account created
// or a password reset by an admin) must set their own at the next login (issue 12, point 10): until they do, every
// API except change-password, logout and me answers 403 `password_change_required`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('must_change_password').execute();
}
