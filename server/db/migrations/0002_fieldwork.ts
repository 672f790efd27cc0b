import { sql, type Kysely } from 'kysely';

// SIPAS fieldwork: plans, quotas, assignments, submitted forms, review events, re-checks.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('phone', 'text').execute();
  // where a unit is, for the "GPS far from the assigned unit" flag
  await db.schema.alterTable('unit').addColumn('latitude', 'double precision').execute();
  await db.schema.alterTable('unit').addColumn('longitude', 'double precision').execute();

  await db.schema
    .createTable('fieldwork_plan')
    .addColumn('campaign_id', 'uuid', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('min_duration_seconds', 'integer', (c) => c.notNull().defaultTo(300))
    .addColumn('gps_max_km', 'double precision', (c) => c.notNull().defaultTo(25))
    .addColumn('recheck_percent', 'double precision', (c) => c.notNull().defaultTo(10))
    .execute();

  await db.schema
    .createTable('fieldwork_quota')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'district', 'commune', 'all')`))
    .addColumn('target', 'integer', (c) => c.notNull().check(sql`target >= 0`))
    .addPrimaryKeyConstraint('fieldwork_quota_pk', ['campaign_id', 'unit_id', 'level'])
    .execute();

  await db.schema
    .createTable('enumerator_assignment')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('enumerator_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('enumerator_assignment_pk', ['campaign_id', 'enumerator_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('supervisor_assignment')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('supervisor_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('enumerator_id', 'uuid', (c) => c.references('app_user.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.references('unit.id'))
    .addCheckConstraint('supervisor_assignment_target', sql`(enumerator_id is null) <> (unit_id is null)`)
    .execute();

  await db.schema
    .createTable('sipas_form')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_uuid', 'uuid', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id'))
    .addColumn('enumerator_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('questionnaire_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('interview', 'paper')`))
    .addColumn('paper_serial', 'text')
    .addColumn('gov_level', 'text')
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('paradata', 'jsonb', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'flagged', 'accepted', 'rejected', 'returned')`))
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sipas_form_campaign_idx').on('sipas_form').columns(['campaign_id', 'unit_id', 'status']).execute();
  await db.schema.createIndex('sipas_form_enumerator_idx').on('sipas_form').columns(['campaign_id', 'enumerator_id']).execute();
  await db.schema.createIndex('sipas_form_serial_idx').on('sipas_form').columns(['campaign_id', 'paper_serial']).execute();

  await db.schema
    .createTable('review_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('sipas_form.id').onDelete('cascade'))
    .addColumn('actor_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('accept', 'reject', 'return', 'reopen')`))
    .addColumn('reason', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('review_event_form_idx').on('review_event').column('form_id').execute();

  await db.schema
    .createTable('recheck')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().unique().references('sipas_form.id').onDelete('cascade'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('drawn_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('confirmed', 'not_reached', 'discrepancy')`))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['recheck', 'review_event', 'sipas_form', 'supervisor_assignment', 'enumerator_assignment', 'fieldwork_quota', 'fieldwork_plan']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('unit').dropColumn('latitude').execute();
  await db.schema.alterTable('unit').dropColumn('longitude').execute();
  await db.schema.alterTable('app_user').dropColumn('phone').execute();
}
