import { sql, type Kysely } from 'kysely';

// Publication of a campaign's results (issue 13): each publish stores a snapshot of the published figures (the
// province-wide report's ranking, fields and parts) as a new version, with who published it and when; unpublishing
// marks the latest version withdrawn. The public pages and API read only the latest version that is not withdrawn.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_publication')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('published_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('withdrawn_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('withdrawn_at', 'timestamptz')
    .addUniqueConstraint('campaign_publication_version_unique', ['campaign_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_publication').ifExists().execute();
}
