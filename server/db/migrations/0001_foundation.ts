import { sql, type Kysely } from 'kysely';

// Foundation tables: accounts, units, criteria sets, campaigns, content scores, audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'analyst', 'supervisor', 'enumerator')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('unit.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('province', 'department', 'district', 'commune')`))
    .addColumn('ranking_group', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('criteria_set')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('criterion')
    .addColumn('criteria_set_code', 'text', (c) => c.notNull().references('criteria_set.code').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_points', 'numeric', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.check(sql`source in ('content', 'leadership_survey', 'sipas')`))
    .addColumn('rule', 'jsonb')
    .addColumn('round_decimals', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('criterion_pk', ['criteria_set_code', 'code'])
    .execute();

  await db.schema
    .createTable('band_set')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('criteria_set_code', 'text', (c) => c.notNull().references('criteria_set.code'))
    .addColumn('band_set_code', 'text', (c) => c.notNull().references('band_set.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'fieldwork', 'closed')`))
    .addColumn('previous_campaign_id', 'uuid', (c) => c.references('campaign.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('campaign_unit')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('campaign_unit_pk', ['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('content_score')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('self_score', 'numeric')
    .addColumn('appraised', 'numeric')
    .addColumn('numerator', 'numeric')
    .addColumn('denominator', 'numeric')
    .addColumn('not_applicable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_override', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addPrimaryKeyConstraint('content_score_pk', ['campaign_id', 'unit_id', 'criterion_code'])
    .addForeignKeyConstraint('content_score_campaign_unit_fk', ['campaign_id', 'unit_id'], 'campaign_unit', ['campaign_id', 'unit_id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('old_value', 'jsonb')
    .addColumn('new_value', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'content_score', 'campaign_unit', 'campaign', 'band_set', 'criterion', 'criteria_set', 'unit', 'user_session', 'app_user']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
