import { sql, type Kysely } from 'kysely';

// Self-assessment and appraisal (issue 11): units score themselves with evidence, the appraisal team checks field by
// field, units respond, the council approves. Design: server/features/assessment/DESIGN.md.
//
// - Roles `unit_officer` (belongs to one unit) and `appraiser` (assigned fields per campaign).
// - Criteria sets become versioned data: a family of versions, immutable once a campaign uses one; each leaf may
//   carry evidence requirements. A campaign assigns a set per unit kind.
// - Phases with dates per campaign; one sheet per (campaign, unit) with its workflow status; one row per
//   (campaign, unit, leaf) with self / appraised / response / final values and a version for concurrent edits;
//   every step in the leaf's history. Approval copies the final scores into `content_score` (the official scores the
//   engine, ranking and report read).
// - Evidence: identical bytes stored once (sha256), a document per upload per unit, links from documents to leaves
//   with a pointer (page, section).
// - In-app notifications per user.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Roles: unit officers belong to one unit.
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check
    check (role in ('admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser'))`.execute(db);
  await db.schema.alterTable('app_user').addColumn('unit_id', 'uuid', (c) => c.references('unit.id').onDelete('restrict')).execute();
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
  await sql`alter table app_user add constraint app_user_unit_officer_unit check (role <> 'unit_officer' or unit_id is not null)`.execute(db);

  // Criteria sets as versioned data.
  await db.schema.alterTable('criteria_set').addColumn('family', 'text').execute();
  await db.schema.alterTable('criteria_set').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('criteria_set').addColumn('unit_kind', 'text',
    (c) => c.check(sql`unit_kind in ('province', 'department', 'district', 'commune')`)).execute();
  await db.schema.alterTable('criteria_set').addColumn('description', 'text').execute();
  await db.schema.alterTable('criteria_set').addColumn('created_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null')).execute();
  await sql`update criteria_set set family = code where family is null`.execute(db);
  await db.schema.createIndex('criteria_set_family_version_uq').on('criteria_set').columns(['family', 'version']).unique().execute();
  // What a leaf expects as evidence: required or not, the expected documents (list of texts) and guidance.
  await db.schema.alterTable('criterion').addColumn('evidence_required', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('criterion').addColumn('evidence_expected', 'jsonb').execute();
  await db.schema.alterTable('criterion').addColumn('evidence_guidance', 'text').execute();

  // A campaign's criteria set per unit kind (units of other kinds use campaign.criteria_set_code).
  await db.schema
    .createTable('campaign_criteria_set')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_kind', 'text', (c) => c.notNull().check(sql`unit_kind in ('province', 'department', 'district', 'commune')`))
    .addColumn('criteria_set_code', 'text', (c) => c.notNull().references('criteria_set.code').onDelete('restrict'))
    .addPrimaryKeyConstraint('campaign_criteria_set_pk', ['campaign_id', 'unit_kind'])
    .execute();
  // A criterion not applicable to one unit (the reduced maximum) says why.
  await db.schema.alterTable('content_score').addColumn('not_applicable_reason', 'text').execute();

  // Phases with dates.
  await db.schema
    .createTable('assessment_phase')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published')`))
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz')
    .addPrimaryKeyConstraint('assessment_phase_pk', ['campaign_id', 'phase'])
    .addCheckConstraint('assessment_phase_dates', sql`closes_at is null or closes_at > opens_at`)
    .execute();

  // Appraisers: the fields (or any inner node / leaf) of a campaign's criteria set they appraise, across units.
  await db.schema
    .createTable('appraiser_assignment')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('criteria_set_code', 'text', (c) => c.notNull().references('criteria_set.code').onDelete('restrict'))
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appraiser_assignment_pk', ['campaign_id', 'user_id', 'criteria_set_code', 'criterion_code'])
    .execute();

  // One sheet per unit per campaign.
  await db.schema
    .createTable('assessment_sheet')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')
      .check(sql`status in ('draft', 'submitted', 'appraised', 'responded', 'finalised', 'approved')`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('acknowledged_gaps', 'jsonb')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    // an admin reopened one phase for this unit only, until a date, with a recorded reason
    .addColumn('reopened_phase', 'text')
    .addColumn('reopened_until', 'timestamptz')
    .addColumn('reopen_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('assessment_sheet_pk', ['campaign_id', 'unit_id'])
    .execute();

  // One row per leaf of a unit's sheet: self → appraised → response → final.
  await db.schema
    .createTable('assessment_leaf')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('self_score', 'numeric')
    .addColumn('self_inputs', 'jsonb') // rule leaves: numerator, denominator … as entered
    .addColumn('explanation', 'text')
    .addColumn('self_updated_at', 'timestamptz')
    .addColumn('self_updated_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('appraisal_status', 'text', (c) => c.notNull().defaultTo('pending')
      .check(sql`appraisal_status in ('pending', 'agreed', 'changed', 'more_evidence')`))
    .addColumn('appraised_score', 'numeric')
    .addColumn('appraisal_comment', 'text')
    .addColumn('appraised_at', 'timestamptz')
    .addColumn('appraised_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('response_text', 'text')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('responded_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('final_score', 'numeric')
    .addColumn('final_comment', 'text')
    .addColumn('finalised_at', 'timestamptz')
    .addColumn('finalised_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('assessment_leaf_pk', ['campaign_id', 'unit_id', 'criterion_code'])
    .addForeignKeyConstraint('assessment_leaf_sheet_fk', ['campaign_id', 'unit_id'], 'assessment_sheet', ['campaign_id', 'unit_id'], (c) => c.onDelete('cascade'))
    .execute();

  // Every step of a leaf: who, when, from, to, comment.
  await db.schema
    .createTable('assessment_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_code', 'text') // null for sheet-level events (submit, approve, reopen)
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_value', 'numeric')
    .addColumn('to_value', 'numeric')
    .addColumn('comment', 'text')
    .addForeignKeyConstraint('assessment_event_sheet_fk', ['campaign_id', 'unit_id'], 'assessment_sheet', ['campaign_id', 'unit_id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('assessment_event_leaf_idx').on('assessment_event').columns(['campaign_id', 'unit_id', 'criterion_code', 'at']).execute();

  // Evidence: bytes stored once by content hash; a document is one upload by one unit in one campaign.
  await db.schema
    .createTable('evidence_blob')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // issue 13: the signature check of a PDF, done once at upload
    .addColumn('signature', 'jsonb')
    .execute();
  await db.schema
    .createTable('evidence_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('evidence_blob.sha256').onDelete('restrict'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('evidence_document_unit_idx').on('evidence_document').columns(['campaign_id', 'unit_id']).execute();
  await db.schema
    .createTable('evidence_link')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('evidence_document.id').onDelete('cascade'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('pointer', 'text') // page, section: where in the document the evidence is
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('self').check(sql`stage in ('self', 'response')`))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('evidence_link_sheet_fk', ['campaign_id', 'unit_id'], 'assessment_sheet', ['campaign_id', 'unit_id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('evidence_link_leaf_idx').on('evidence_link').columns(['campaign_id', 'unit_id', 'criterion_code']).execute();
  await db.schema.createIndex('evidence_link_document_leaf_uq').on('evidence_link').columns(['document_id', 'criterion_code']).unique().execute();

  // What changed for me: in-app notifications.
  await db.schema
    .createTable('user_notification')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.references('campaign.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid')
    .addColumn('criterion_code', 'text')
    .addColumn('message', 'jsonb', (c) => c.notNull()) // { vi, en }
    .addColumn('read_at', 'timestamptz')
    // one notification per event key (e.g. a deadline reminder sent once per phase, unit and day count)
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('user_notification_user_idx').on('user_notification').columns(['user_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['user_notification', 'evidence_link', 'evidence_document', 'evidence_blob', 'assessment_event', 'assessment_leaf',
    'assessment_sheet', 'appraiser_assignment', 'assessment_phase', 'campaign_criteria_set']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('content_score').dropColumn('not_applicable_reason').execute();
  for (const c of ['evidence_guidance', 'evidence_expected', 'evidence_required']) await db.schema.alterTable('criterion').dropColumn(c).execute();
  await db.schema.dropIndex('criteria_set_family_version_uq').ifExists().execute();
  for (const c of ['created_by', 'description', 'unit_kind', 'version', 'family']) await db.schema.alterTable('criteria_set').dropColumn(c).execute();
  await sql`alter table app_user drop constraint if exists app_user_unit_officer_unit`.execute(db);
  await db.schema.alterTable('app_user').dropColumn('email').execute();
  await db.schema.alterTable('app_user').dropColumn('unit_id').execute();
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('admin', 'analyst', 'supervisor', 'enumerator'))`.execute(db);
}
