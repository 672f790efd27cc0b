import type { ColumnType, Generated } from 'kysely';
import type { BandSet, ScoringRule, Source } from '../../analytics/src/types';

// Kysely table types. Keep in step with db/migrations.

export type Role = 'admin' | 'analyst' | 'supervisor' | 'enumerator' | 'unit_officer' | 'appraiser';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser'];
export type UnitKind = 'province' | 'department' | 'district' | 'commune';
export type CampaignStatus = 'draft' | 'fieldwork' | 'closed';

/** timestamptz; optional on insert (columns with a default) */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: Generated<boolean>;
  phone: string | null;
  /** unit officers: the one unit they belong to (migration 0014) */
  unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** a password someone else chose or generated: the user must set their own before anything else (migration 0017) */
  must_change_password: Generated<boolean>;
  created_at: Timestamp;
}

export interface UserSessionTable {
  /** sha256 of the cookie token; the token itself is never stored */
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface UnitTable {
  id: Generated<string>;
  code: string;
  name: string;
  parent_id: string | null;
  kind: UnitKind;
  ranking_group: string | null;
  position: Generated<number>;
  latitude: number | null;
  longitude: number | null;
  /** 'YYYY-MM-DD' (migration 0020): the unit exists from / until these days (null = open) */
  valid_from: ColumnType<string | null, string | null | undefined, string | null>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export type LineageKind = 'merge' | 'split' | 'rename';
export type ShareBasis = 'population' | 'figure';

/** A merge, split or rename of units on a day (migration 0020, issue 14). */
export interface UnitLineageEventTable {
  id: Generated<string>;
  kind: LineageKind;
  /** 'YYYY-MM-DD' */
  effective_on: string;
  share_basis: ShareBasis;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** One predecessor → successor link of a lineage event with the predecessor's share (population or the analyst's figure). */
export interface UnitLineageLinkTable {
  event_id: string;
  predecessor_id: string;
  successor_id: string;
  share: number;
}

export interface CriteriaSetTable {
  code: string;
  year: number;
  name: string;
  created_at: Timestamp;
  /** versions of one set share a family; a set used by a campaign is immutable (a correction is a new version) */
  family: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  unit_kind: ColumnType<UnitKind | null, UnitKind | null | undefined, UnitKind | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CriterionTable {
  criteria_set_code: string;
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  max_points: number;
  source: Source | null;
  rule: Json<ScoringRule | null> | null;
  round_decimals: number | null;
  position: number;
  evidence_required: Generated<boolean>;
  /** the documents expected as evidence, one text each */
  evidence_expected: ColumnType<string[] | null, string | null | undefined, string | null>;
  evidence_guidance: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BandSetTable {
  code: string;
  definition: Json<BandSet>;
}

export interface CampaignTable {
  id: Generated<string>;
  name: string;
  year: number;
  criteria_set_code: string;
  band_set_code: string;
  status: Generated<CampaignStatus>;
  previous_campaign_id: string | null;
  created_at: Timestamp;
  /** evidence must carry a valid signature chaining to a trusted root (migration 0018) */
  evidence_signature_required: Generated<boolean>;
}

export interface CampaignUnitTable {
  campaign_id: string;
  unit_id: string;
}

/** A campaign's rounding of aggregated scores (issue 12 point 13); decimals null = the node is not rounded. */
export interface CampaignScoreRoundingTable {
  campaign_id: string;
  criterion_code: string;
  decimals: number | null;
}

export interface ContentScoreTable {
  campaign_id: string;
  unit_id: string;
  criterion_code: string;
  self_score: number | null;
  appraised: number | null;
  numerator: number | null;
  denominator: number | null;
  not_applicable: Generated<boolean>;
  /** an inner node's published score kept instead of the sum of its children */
  is_override: Generated<boolean>;
  note: string | null;
  not_applicable_reason: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  user_id: string | null;
  action: string;
  entity: string;
  entity_key: string;
  old_value: Json<unknown> | null;
  new_value: Json<unknown> | null;
}

/** A level of government: data, the `gov_level` options of the campaign's questionnaire (server/features/fieldwork/campaign-levels.ts). */
export type GovLevel = string;
/** A level of government, or 'all' for a unit-wide quota or population. */
export type QuotaLevel = string;
export type FormStatus = 'pending' | 'flagged' | 'accepted' | 'rejected' | 'returned';
export interface FormFlag {
  code: string;
  message: { vi: string; en: string };
}

export interface FieldworkPlanTable {
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  /** 'YYYY-MM-DD' (date columns are read as text) */
  starts_on: string | null;
  ends_on: string | null;
  min_duration_seconds: number;
  gps_max_km: number;
  recheck_percent: number;
}

export interface FieldworkQuotaTable {
  campaign_id: string;
  unit_id: string;
  level: QuotaLevel;
  target: number;
}

/** Forms counted against quotas (all but rejected) per campaign × unit × government level ('' for none); kept by triggers on sipas_form (migration 0019). */
export interface FieldworkFormCountTable {
  campaign_id: string;
  unit_id: string;
  gov_level: string;
  forms: number;
}

export interface EnumeratorAssignmentTable {
  campaign_id: string;
  enumerator_id: string;
  unit_id: string;
}

export interface SupervisorAssignmentTable {
  id: Generated<string>;
  campaign_id: string;
  supervisor_id: string;
  enumerator_id: string | null;
  unit_id: string | null;
}

export interface SipasFormTable {
  id: Generated<string>;
  client_uuid: string;
  campaign_id: string;
  unit_id: string;
  enumerator_id: string;
  submitted_by: string;
  questionnaire_id: string;
  questionnaire_version: number;
  mode: 'interview' | 'paper';
  paper_serial: string | null;
  gov_level: string | null;
  answers: Json<Record<string, unknown>>;
  /** compact copy of the answers the SIPAS results read (server/features/survey-codes/analysis-codes.ts); null until filled */
  analysis_codes: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  paradata: Json<Record<string, unknown>>;
  duration_seconds: number | null;
  status: FormStatus;
  flags: Json<FormFlag[]>;
  received_at: Timestamp;
}

export interface ReviewEventTable {
  id: Generated<string>;
  form_id: string;
  actor_id: string | null;
  action: 'accept' | 'reject' | 'return' | 'reopen';
  reason: string | null;
  at: Timestamp;
}

export interface RecheckTable {
  id: Generated<string>;
  form_id: string;
  campaign_id: string;
  seed: number;
  drawn_by: string | null;
  drawn_at: Timestamp;
  outcome: 'confirmed' | 'not_reached' | 'discrepancy' | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Date | null;
}

export type RespondentGroup = 'hdnd' | 'so' | 'huyen' | 'xa';
export const RESPONDENT_GROUPS: readonly RespondentGroup[] = ['hdnd', 'so', 'huyen', 'xa'];
/** queued → claimed (batch, lease) → handing_over (committed just before the SMTP send) → sent; a crash leaves
 * handing_over as uncertain and puts claimed back to queued (migration 0013). */
export type MailStatus = 'queued' | 'claimed' | 'handing_over' | 'sent' | 'uncertain' | 'failed' | 'cancelled';

export interface LeadershipSurveyTable {
  campaign_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  deadline: string | null;
  invitation_subject: string;
  invitation_body: string;
  reminder_subject: string;
  reminder_body: string;
  rate_per_minute: number;
  reminders_auto: boolean;
  reminders_max: number;
  reminders_min_days: number;
  group_average: boolean;
  keep_unit: boolean;
}

export interface RespondentTable {
  id: Generated<string>;
  campaign_id: string;
  name: string;
  email: string;
  respondent_group: RespondentGroup;
  unit_id: string | null;
  responded: Generated<boolean>;
  responded_on: string | null;
}

export interface MailMessageTable {
  id: Generated<string>;
  campaign_id: string;
  respondent_id: string;
  kind: 'invitation' | 'reminder';
  sequence: number;
  status: MailStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  queued_at: Timestamp;
  sent_at: Date | null;
  /** the sender process holding the claim, and until when (a lease that runs out puts the message back) */
  claimed_by: string | null;
  lease_until: Date | null;
  handed_over_at: Date | null;
  /** the SMTP server's reply to the message and the Message-ID it was sent with */
  smtp_response: string | null;
  smtp_message_id: string | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  delivered_at: Timestamp;
}

export interface RespondentLinkTable {
  token_hash: string;
  respondent_id: string;
}

/** Deliberately nothing that points at a person: no respondent id, token, time or sequence. */
export interface LeadershipAnswerSheetTable {
  id: Generated<string>;
  campaign_id: string;
  /** null: released at the close without a group, among at least 5 such answers (migration 0009) */
  respondent_group: RespondentGroup | null;
  unit_id: string | null;
  questionnaire_id: string;
  questionnaire_version: number;
  answers: Json<Record<string, unknown>>;
}

/** A pending leadership answer, sealed with a key kept outside the database; nothing else (migration 0009). */
export interface LeadershipSealedAnswerTable {
  id: Generated<string>;
  campaign_id: string;
  /** fingerprint of the key that sealed it */
  key_id: string;
  sealed: Buffer;
}

/** A campaign's own agency mapping (code → agencies responsible); absent = the seeds/agencies/ default. */
export interface CampaignAgencyMapTable {
  campaign_id: string;
  agencies: Json<Record<string, string[]>>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** Weighting: the population of a stratum (unit, or unit × level) in a campaign. */
export interface SipasPopulationTable {
  campaign_id: string;
  unit_id: string;
  level: QuotaLevel;
  population: number;
}

/** Raking margins: known population total per category of a demographic variable (migration 0007). */
export interface SipasMarginTable {
  campaign_id: string;
  variable: string;
  category: string;
  population: number;
}

/** Login failure counters per IP, account and (account, IP); keys hashed (migration 0010). */
export interface LoginThrottleTable {
  scope: 'ip' | 'account' | 'account_ip';
  key_hash: string;
  failures: number;
  window_start: Date;
  last_failure_at: Date | null;
  last_success_at: Date | null;
}

// Self-assessment and appraisal (migration 0014, server/features/assessment/DESIGN.md)
export type AssessmentPhase = 'self_assessment' | 'appraisal' | 'response' | 'final_appraisal' | 'approval' | 'published';
export const ASSESSMENT_PHASES: readonly AssessmentPhase[] = ['self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published'];
export type SheetStatus = 'draft' | 'submitted' | 'appraised' | 'responded' | 'finalised' | 'approved';
export type AppraisalStatus = 'pending' | 'agreed' | 'changed' | 'more_evidence';
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** numeric columns come back from pg as strings; convert with Number() in repositories */
type Numeric = ColumnType<string | number | null, number | null | undefined, number | null>;

export interface CampaignCriteriaSetTable {
  campaign_id: string;
  unit_kind: UnitKind;
  criteria_set_code: string;
}

export interface AssessmentPhaseTable {
  campaign_id: string;
  phase: AssessmentPhase;
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AppraiserAssignmentTable {
  campaign_id: string;
  user_id: string;
  criteria_set_code: string;
  /** a field (level-0 node), an inner node or a leaf: the appraiser appraises every leaf under it */
  criterion_code: string;
}

export interface AssessmentSheetTable {
  campaign_id: string;
  unit_id: string;
  status: Generated<SheetStatus>;
  submitted_at: Nullable<Date>;
  submitted_by: Nullable<string>;
  /** the gaps the officer acknowledged when submitting incomplete */
  acknowledged_gaps: Nullable<unknown>;
  approved_at: Nullable<Date>;
  approved_by: Nullable<string>;
  reopened_phase: Nullable<AssessmentPhase>;
  reopened_until: Nullable<Date>;
  reopen_reason: Nullable<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface AssessmentLeafTable {
  campaign_id: string;
  unit_id: string;
  criterion_code: string;
  self_score: Numeric;
  /** rule leaves: the evidence figures as entered (numerator, denominator …) */
  self_inputs: Nullable<unknown>;
  explanation: Nullable<string>;
  self_updated_at: Nullable<Date>;
  self_updated_by: Nullable<string>;
  appraisal_status: Generated<AppraisalStatus>;
  appraised_score: Numeric;
  appraisal_comment: Nullable<string>;
  appraised_at: Nullable<Date>;
  appraised_by: Nullable<string>;
  response_text: Nullable<string>;
  responded_at: Nullable<Date>;
  responded_by: Nullable<string>;
  final_score: Numeric;
  final_comment: Nullable<string>;
  finalised_at: Nullable<Date>;
  finalised_by: Nullable<string>;
  /** optimistic concurrency: a write names the version it read */
  version: Generated<number>;
}

export interface AssessmentEventTable {
  id: Generated<string>;
  campaign_id: string;
  unit_id: string;
  criterion_code: string | null;
  at: Timestamp;
  user_id: string | null;
  kind: string;
  from_value: Numeric;
  to_value: Numeric;
  comment: string | null;
}

export interface EvidenceBlobTable {
  sha256: string;
  size: ColumnType<string | number, number, number>;
  media_type: string;
  storage_key: string;
  created_at: Timestamp;
  signature: Nullable<unknown>;
}

/** A CA certificate an admin trusts as a root for signatures on evidence (migration 0018). */
export interface SignatureTrustedRootTable {
  id: Generated<string>;
  fingerprint_sha256: string;
  subject: string;
  issuer: string;
  not_before: Timestamp;
  not_after: Timestamp;
  der: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EvidenceDocumentTable {
  id: Generated<string>;
  campaign_id: string;
  unit_id: string;
  sha256: string;
  filename: string;
  media_type: string;
  size: ColumnType<string | number, number, number>;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
  deleted_at: Nullable<Date>;
  deleted_by: Nullable<string>;
}

export interface EvidenceLinkTable {
  id: Generated<string>;
  document_id: string;
  campaign_id: string;
  unit_id: string;
  criterion_code: string;
  pointer: string | null;
  stage: Generated<'self' | 'response'>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface UserNotificationTable {
  id: Generated<string>;
  user_id: string;
  at: Timestamp;
  kind: string;
  campaign_id: string | null;
  unit_id: string | null;
  criterion_code: string | null;
  message: Json<{ vi: string; en: string }>;
  read_at: Nullable<Date>;
  dedupe_key: string | null;
}

/** e-mail to a user for one in-app notification (migration 0015; server/features/assessment/notifications-mail.ts) */
export interface UserMailTable {
  id: Generated<string>;
  notification_id: string;
  user_id: string;
  to_address: string;
  subject: string;
  body: string;
  status: ColumnType<'queued' | 'handing_over' | 'sent' | 'uncertain' | 'failed', 'queued' | undefined, 'queued' | 'handing_over' | 'sent' | 'uncertain' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  lease_until: Nullable<Date>;
  last_error: Nullable<string>;
  queued_at: Timestamp;
  sent_at: Nullable<Date>;
  smtp_response: Nullable<string>;
}

/**
 * One row per publish of a campaign's results (migration 0021): the snapshot of the published figures — the
 * province-wide report as it was then (typed as `PublishedSnapshot` by features/publication/repository.ts).
 */
export interface CampaignPublicationTable {
  id: Generated<string>;
  campaign_id: string;
  version: number;
  snapshot: Json<unknown>;
  published_by: string | null;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  withdrawn_by: string | null;
  withdrawn_at: Nullable<Date>;
}

export interface DB {
  app_user: AppUserTable;
  user_session: UserSessionTable;
  login_throttle: LoginThrottleTable;
  unit: UnitTable;
  unit_lineage_event: UnitLineageEventTable;
  unit_lineage_link: UnitLineageLinkTable;
  criteria_set: CriteriaSetTable;
  criterion: CriterionTable;
  band_set: BandSetTable;
  campaign: CampaignTable;
  campaign_unit: CampaignUnitTable;
  content_score: ContentScoreTable;
  campaign_score_rounding: CampaignScoreRoundingTable;
  audit_log: AuditLogTable;
  fieldwork_plan: FieldworkPlanTable;
  fieldwork_quota: FieldworkQuotaTable;
  fieldwork_form_count: FieldworkFormCountTable;
  enumerator_assignment: EnumeratorAssignmentTable;
  supervisor_assignment: SupervisorAssignmentTable;
  sipas_form: SipasFormTable;
  review_event: ReviewEventTable;
  recheck: RecheckTable;
  leadership_survey: LeadershipSurveyTable;
  respondent: RespondentTable;
  mail_message: MailMessageTable;
  mail_outbox: MailOutboxTable;
  leadership_answer_sheet: LeadershipAnswerSheetTable;
  leadership_sealed_answer: LeadershipSealedAnswerTable;
  respondent_link: RespondentLinkTable;
  campaign_agency_map: CampaignAgencyMapTable;
  sipas_population: SipasPopulationTable;
  sipas_margin: SipasMarginTable;
  campaign_criteria_set: CampaignCriteriaSetTable;
  assessment_phase: AssessmentPhaseTable;
  appraiser_assignment: AppraiserAssignmentTable;
  assessment_sheet: AssessmentSheetTable;
  assessment_leaf: AssessmentLeafTable;
  assessment_event: AssessmentEventTable;
  evidence_blob: EvidenceBlobTable;
  signature_trusted_root: SignatureTrustedRootTable;
  evidence_document: EvidenceDocumentTable;
  evidence_link: EvidenceLinkTable;
  user_notification: UserNotificationTable;
  user_mail: UserMailTable;
  campaign_publication: CampaignPublicationTable;
}
