// Shapes of the JSON API the web app talks to (request and response bodies).
// Domain types (ScoreTree, Finding, CriterionDef, BandSet…) come from analytics/src/types.ts.
import type { BandSet, CriterionDef, Finding, ScoreTree, Source } from '../../../analytics/src/types';

export { SOURCES } from '../../../analytics/src/types';
export type { Band, BandSet, CriterionDef, Finding, FindingKind, ScoreNode, ScoreTree, Severity, Source } from '../../../analytics/src/types';

export type Role = 'admin' | 'analyst' | 'supervisor' | 'enumerator' | 'unit_officer' | 'appraiser';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export const UNIT_KINDS = ['province', 'department', 'district', 'commune'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  group: string | null;
}
export interface NewUnit {
  code: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  group: string | null;
}
export interface UnitChanges {
  name?: string;
  group?: string | null;
}

/** A campaign that uses a criteria set (the set is then immutable). */
export interface CampaignRef {
  id: string;
  name: string;
  year: number;
}
export type UnitKindCode = 'province' | 'department' | 'district' | 'commune';
/** Versioning data of a criteria set (issue 11): versions of one family; the unit kind it is for. */
export interface CriteriaSetVersioning {
  family?: string;
  version?: number;
  unitKind?: UnitKindCode | null;
  description?: string | null;
  usedBy?: CampaignRef[];
}
export interface CriteriaSetSummary extends CriteriaSetVersioning {
  code: string;
  year: number;
  name: string;
  maxPoints: number;
  leafCount: number;
}
export interface CriteriaSetDetail extends CriteriaSetVersioning {
  code: string;
  year: number;
  name: string;
  criteria: CriterionDef[];
}

export const CAMPAIGN_STATUSES = ['draft', 'fieldwork', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign {
  id: string;
  name: string;
  year: number;
  criteriaSetCode: string;
  bandSetCode: string;
  status: CampaignStatus;
  previousCampaignId: string | null;
  unitIds: string[];
}
export interface NewCampaign {
  name: string;
  year: number;
  criteriaSetCode: string;
  bandSetCode: string;
  unitIds: string[];
  previousCampaignId: string | null;
}
export interface CampaignChanges {
  name?: string;
  status?: CampaignStatus;
  unitIds?: string[];
  bandSetCode?: string;
  previousCampaignId?: string | null;
}

/** exactly one of `text` (pasted or a TSV/CSV file) and `xlsxBase64` (an XLSX file's bytes) */
export type ImportRequest = ({ text: string; xlsxBase64?: never } | { xlsxBase64: string; text?: never }) & {
  fileName?: string;
};
export interface OverrideCandidate {
  code: string;
  /** the score printed in the table */
  stated: number;
  /** the sum of its children */
  computed: number;
}
/** a finding of a preview: blocking ones must be corrected before the table can be stored (the commit refuses them) */
export type ImportFinding = Finding & { blocking: boolean };
export interface ImportPreview {
  /** the first 200 findings, blocking ones first */
  findings: ImportFinding[];
  /** all findings, and how many of them block the commit */
  findingCount: number;
  blockingCount: number;
  rowCount: number;
  candidates: OverrideCandidate[];
  /** candidate codes the server suggests keeping as printed */
  chosen: string[];
  statedTotal: number | null;
  totalFromLeaves: number;
  totalWithChosen: number;
}
export type ImportCommitRequest = ImportRequest & {
  keepStated: string[];
};
export interface ImportCommitResult {
  stored: number;
  /** how many stored values differ from before */
  changed?: number;
  total: number;
}

export interface BandRef {
  code: string;
  label: { vi: string; en: string };
}
export interface UnitScores {
  unit: { id: string; name: string };
  campaign: { id: string; name: string; year: number };
  tree: ScoreTree;
  band: BandRef | null;
}
export interface ScoreUpdate {
  appraised?: number | null;
  self?: number | null;
  notApplicable?: boolean;
  note?: string | null;
  numerator?: number | null;
  denominator?: number | null;
}
export interface ScoreUpdateResult {
  tree: ScoreTree;
  band: BandRef | null;
}
export interface HistoryEntry {
  /** ISO date-time */
  at: string;
  /** who made the change: a name, or a user object */
  user: string | { username?: string; displayName?: string } | null;
  /** e.g. 'import', 'edit' */
  action?: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface RankedUnit {
  unitId: string;
  /** the unit's name */
  unit: string;
  group: string | null;
  score: number;
  max: number;
  /** 100 × score / max */
  index: number;
  /** rank within the group, 1 = best */
  rank: number;
  /** band code from the ranking's band set */
  band: string | null;
  /**
   * against the previous campaign: score and index differences; rank = previous rank − rank (positive = moved up),
   * null when the unit was in another group before
   */
  change: { score: number; percent: number; rank: number | null } | null;
}
export interface GroupSummary {
  group: string | null;
  /** the group's average index (percent) */
  average: number;
  count: number;
}
export interface Ranking {
  bandSet: BandSet;
  units: RankedUnit[];
  groups: GroupSummary[];
  /** self-assessment campaigns rank council-approved units only; these are not approved yet */
  notApproved?: { count: number; units: { unitId: string; unit: string }[] };
}

// ---------- SIPAS fieldwork (server/features/fieldwork/API.md) ----------

/** A bilingual text sent by the server. */
export interface Bilingual {
  vi: string;
  en: string;
}

export const QUOTA_LEVELS = ['province', 'district', 'commune', 'all'] as const;
/** Level of government of the procedure (the `gov_level` answer), or `all` for a unit-wide quota. */
export type QuotaLevel = (typeof QUOTA_LEVELS)[number];

export const FIELDWORK_QUESTIONNAIRE_IDS = ['sipas-2017', 'sipas-2023'] as const;
export type FieldworkQuestionnaireId = (typeof FIELDWORK_QUESTIONNAIRE_IDS)[number];

export interface FieldworkPlan {
  questionnaireId: FieldworkQuestionnaireId;
  questionnaireVersion: number;
  /** YYYY-MM-DD */
  startsOn: string | null;
  endsOn: string | null;
  /** a form finished faster than this is flagged `too_fast` */
  minDurationSeconds: number;
  /** a GPS point farther than this from the unit is flagged `gps_far` */
  gpsMaxKm: number;
  /** share of each enumerator's accepted forms re-checked (phúc tra) */
  recheckPercent: number;
}

export interface Quota {
  unitId: string;
  level: QuotaLevel;
  target: number;
}

export interface FieldworkEnumerator {
  userId: string;
  username: string;
  displayName: string;
  unitIds: string[];
  supervisorIds: string[];
}
export interface FieldworkSupervisor {
  userId: string;
  username: string;
  displayName: string;
  enumeratorIds: string[];
  unitIds: string[];
}

/** GET /api/campaigns/:campaignId/fieldwork */
export interface FieldworkSetup {
  plan: FieldworkPlan | null;
  quotas: Quota[];
  enumerators: FieldworkEnumerator[];
  supervisors: FieldworkSupervisor[];
}

/** PUT …/fieldwork/assignments (replaces all) */
export interface AssignmentsUpdate {
  enumerators: { userId: string; unitIds: string[] }[];
  supervisors: { userId: string; enumeratorIds: string[]; unitIds: string[] }[];
}
export interface AssignmentsResult {
  enumerators: FieldworkEnumerator[];
  supervisors: FieldworkSupervisor[];
}

export interface EnumeratorCsvRow {
  row: number;
  username: string;
  displayName: string;
  phone: string | null;
  unitCodes: string[];
  supervisorUsername: string | null;
  /** the account exists already: it is updated, not created */
  exists: boolean;
}
export interface CsvRowError {
  row: number;
  column: string;
  message: Bilingual;
}
/** POST …/fieldwork/enumerators/preview */
export interface EnumeratorPreview {
  rows: EnumeratorCsvRow[];
  errors: CsvRowError[];
}
/** POST …/fieldwork/enumerators/commit — passwords are shown this once */
export interface EnumeratorCommitResult {
  created: { username: string; displayName: string; password: string }[];
  updated: string[];
  /** how many enumerator–unit assignments were written */
  assigned: number;
}

export const FORM_STATUSES = ['pending', 'flagged', 'accepted', 'rejected', 'returned'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const FLAG_CODES = [
  'invalid_answers',
  'unknown_questionnaire',
  'missing_serial',
  'duplicate_serial',
  'quota_full',
  'outside_dates',
  'not_assigned',
  'too_fast',
  'straight_lining',
  'gps_far',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface FormFlag {
  code: FlagCode | string;
  message: Bilingual;
}

export type FormMode = 'interview' | 'paper';

export interface FormParadata {
  startedAt?: string;
  finishedAt?: string;
  appVersion?: string;
  deviceId?: string;
  gps?: { lat: number; lon: number; accuracy?: number } | null;
  gpsConsent?: boolean;
  [key: string]: unknown;
}

/**
 * A form as the phone sends it (POST /api/fieldwork/submissions). `P`: its paradata — as read from any sender
 * (default, every field optional) or as the phone app writes it (web/enumerator/api.ts).
 */
export interface FormEnvelope<P = FormParadata> {
  clientUuid: string;
  campaignId: string;
  unitId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  mode: FormMode;
  paperSerial: string | null;
  answers: Record<string, unknown>;
  paradata: P;
  /** only when a supervisor / admin uploads forms exported from an enumerator's phone */
  enumeratorId?: string;
}

/** The file an enumerator's app exports when no network works at all. */
export interface OutboxFile {
  format: 'parindex-outbox';
  version: 1;
  exportedAt: string;
  enumeratorId: string;
  deviceId: string;
  forms: FormEnvelope[];
}

export interface SubmissionReceipt {
  index: number;
  clientUuid: string | null;
  status: 'stored' | 'refused';
  /** this clientUuid was stored before; nothing new was stored */
  duplicate: boolean;
  formId?: string;
  receivedAt?: string;
  reviewStatus?: FormStatus;
  flags?: FormFlag[];
  error?: { code: 'unreadable' | 'unknown_campaign' | 'unknown_unit' | 'unknown_enumerator' | string; message: Bilingual };
}
export interface SubmissionResult {
  receipts: SubmissionReceipt[];
}

/** A row of the review queue. */
export interface FormSummary {
  formId: string;
  clientUuid: string;
  unitId: string;
  unitName: string;
  enumeratorId: string;
  enumeratorName: string;
  mode: FormMode;
  paperSerial: string | null;
  status: FormStatus;
  flags: FormFlag[];
  receivedAt: string;
  durationSeconds: number | null;
}
export interface FormFilters {
  status?: FormStatus | undefined;
  flag?: string | undefined;
  unitId?: string | undefined;
  enumeratorId?: string | undefined;
  limit: number;
  offset: number;
}
/** GET /api/campaigns/:campaignId/fieldwork/forms */
export interface FormList {
  total: number;
  forms: FormSummary[];
}

export interface FormDetail extends FormSummary {
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, unknown>;
  paradata: FormParadata;
}
export interface FormEvent {
  at: string;
  /** who: a name, or a user object */
  actor: string | { id?: string; username?: string; displayName?: string } | null;
  /** e.g. submit, accept, reject, return, reopen */
  action: string;
  reason: string | null;
}
/** GET /api/fieldwork/forms/:formId */
export interface FormWithEvents {
  form: FormDetail;
  events: FormEvent[];
}

export type DecisionAction = 'accept' | 'reject' | 'return';
export interface Decision {
  action: DecisionAction;
  reason?: string;
}

export const RECHECK_OUTCOMES = ['confirmed', 'not_reached', 'discrepancy'] as const;
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];
export interface Recheck {
  recheckId: string;
  formId: string;
  enumeratorId: string;
  enumeratorName: string;
  unitName: string;
  paperSerial: string | null;
  drawnAt: string;
  seed: number;
  outcome: RecheckOutcome | null;
  note: string | null;
  recordedAt: string | null;
}
export interface RecheckDraw {
  percent: number;
  seed: number;
}

export interface ProgressCounts {
  collected: number;
  accepted: number;
  flagged: number;
  pending: number;
  rejected: number;
  returned: number;
  /** ISO time of the last form received, null when none */
  lastSync: string | null;
}
/** One level quota of a unit with its progress (a part of the unit's total; server/features/fieldwork/API.md, "Quotas"). */
export interface LevelProgress {
  level: Exclude<QuotaLevel, 'all'>;
  target: number;
  collected: number;
  accepted: number;
}
/** GET /api/campaigns/:campaignId/fieldwork/dashboard */
export interface FieldworkDashboard {
  /** target: the unit's total (its `all` quota, else its level quotas summed); null when it has none; levels: its level quotas */
  units: (ProgressCounts & { unitId: string; name: string; target: number | null; levels: LevelProgress[] })[];
  enumerators: (ProgressCounts & { userId: string; name: string })[];
}

// ---------- Leadership e-mail survey (server/features/leadership/API.md) ----------

/** Respondent groups of the leadership survey: HĐND delegates, leaders of departments, districts, communes. */
export const LEADERSHIP_GROUPS = ['hdnd', 'so', 'huyen', 'xa'] as const;
export type LeadershipGroup = (typeof LEADERSHIP_GROUPS)[number];

export interface MailTemplate {
  subject: string;
  body: string;
}
/** GET / PUT /api/campaigns/:campaignId/leadership */
export interface LeadershipSurvey {
  /** a leadership questionnaire of survey-forms, e.g. 'leadership-2023' */
  questionnaireId: string;
  questionnaireVersion: number;
  /** YYYY-MM-DD */
  deadline: string | null;
  invitation: MailTemplate;
  reminder: MailTemplate;
  ratePerMinute: number;
  reminders: { auto: boolean; max: number; minDaysApart: number };
  /** average within respondent groups first, then across groups */
  groupAverage: boolean;
  /** keep the respondent's unit with the answers */
  keepUnit: boolean;
}
/** GET /api/campaigns/:campaignId/leadership — `defaults` (server's Vietnamese templates etc.) for the first set-up */
export interface LeadershipSurveyResponse {
  survey: LeadershipSurvey | null;
  defaults?: LeadershipSurvey;
}
export type MailKind = 'invitation' | 'reminder';
/** POST …/leadership/preview */
export interface MailPreview {
  to: string;
  subject: string;
  body: string;
}

/** sending: claimed by the sender or being handed to SMTP; uncertain: handed over when the sender stopped (may have arrived) */
export const RESPONDENT_STATUSES = ['new', 'queued', 'sending', 'sent', 'uncertain', 'failed', 'responded'] as const;
export type RespondentStatus = (typeof RESPONDENT_STATUSES)[number];
export interface Respondent {
  id: string;
  name: string;
  email: string;
  group: LeadershipGroup | string;
  unitId: string | null;
  unitName: string | null;
  /** that of the latest message; `responded` wins */
  status: RespondentStatus;
  /** the SMTP error of the latest failed message */
  lastError: string | null;
  invitedAt: string | null;
  remindersSent: number;
  responded: boolean;
}
export interface RespondentFilters {
  status?: RespondentStatus | undefined;
  group?: string | undefined;
  unitId?: string | undefined;
}
export interface RespondentChanges {
  name?: string;
  email?: string;
  group?: string;
  unitId?: string | null;
}
export interface RespondentCsvRow {
  row: number;
  name: string;
  email: string;
  group: string;
  unitCode: string | null;
}
/** POST …/leadership/respondents/preview */
export interface RespondentPreview {
  rows: RespondentCsvRow[];
  errors: CsvRowError[];
}
/** POST …/leadership/respondents/commit */
export interface RespondentCommitResult {
  added: number;
  updated: number;
}
/** GET …/leadership/progress */
export interface SendProgress {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  /** handed to SMTP when the sender stopped: may or may not have arrived; resend with a new link */
  uncertain: number;
  total: number;
  ratePerMinute: number;
}
/** GET …/leadership/uncertain — one message that may or may not have arrived, of someone yet to answer */
export interface UncertainMessage {
  id: string;
  respondentId: string;
  name: string;
  email: string;
  kind: MailKind;
  sequence: number;
  handedOverAt: string | null;
  lastError: string | null;
}
/** POST …/leadership/uncertain/resend */
export interface UncertainResendResult {
  queued: number;
  /** answered meanwhile: no new link */
  answered: number;
}
/** rate = responded / (invited − failed); null when that is 0 */
export interface ResponseRate {
  invited: number;
  sent: number;
  failed: number;
  responded: number;
  rate: number | null;
}
/** GET …/leadership/tracking */
export interface LeadershipTracking {
  overall: ResponseRate;
  byGroup: (ResponseRate & { group: string })[];
  byUnit: (ResponseRate & { unitId: string | null; unitName: string | null })[];
}
/** GET /api/mail-outbox (admin; where e-mail goes when no SMTP server is configured) */
export interface MailOutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  deliveredAt: string;
}
export interface MailOutbox {
  /** an SMTP server is configured: new e-mail goes there, not here */
  smtp?: boolean;
  total: number;
  messages: MailOutboxMessage[];
}

/** GET /api/respond/:token (public) */
export interface RespondInfo {
  campaign: { name: string; year: number };
  deadline: string | null;
  questionnaire: { id: string; version: number };
  group: string;
}

// ---------- The yearly report (server/features/reports/README.md) ----------

/** Place among the campaign's scored units of the same group; only when there are at least two. */
export interface ReportRank {
  rank: number;
  of: number;
  /** the group's average index (percent) */
  groupAverage: number;
}
export interface ReportPrevious {
  year: number;
  max: number;
  appraised: number | null;
  percent: number | null;
  rank: ReportRank | null;
}
/** against the previous campaign: score (4 decimals), index in percentage points (2), places (+ = moved up) */
export interface ReportChange {
  score: number;
  percent: number | null;
  rank: number | null;
}
export interface ReportRow {
  code: string;
  name: string;
  /** 0 field, 1 criterion */
  level: number;
  source: Source | null;
  max: number;
  self: number | null;
  appraised: number | null;
  percent: number | null;
  lostPoints: number;
  /** scored leaves under it that lost points */
  lostCount: number;
  note: string | null;
  agencies: string[];
  rank: ReportRank | null;
  previous: ReportPrevious | null;
  change: ReportChange | null;
}
export interface ReportLostItem {
  code: string;
  name: string;
  /** the field it belongs to */
  field: string;
  level: number;
  source: Source | null;
  max: number;
  self: number | null;
  appraised: number;
  lost: number;
  /** why: the leaf's note, else its nearest annotated parent's */
  note: string | null;
  agencies: string[];
}
export interface ReportPart {
  score: number;
  max: number;
  percent: number | null;
}
/** GET /api/campaigns/:campaignId/units/:unitId/report */
export interface UnitReport {
  campaign: { id: string; name: string; year: number; previous: { id: string; name: string; year: number } | null };
  unit: { id: string; code: string; name: string; group: string };
  peers: number;
  total: { max: number; self: number | null; appraised: number; percent: number; rank: ReportRank | null; previous: ReportPrevious | null; change: ReportChange | null };
  band: BandRef | null;
  parts: Record<Source, ReportPart>;
  rows: ReportRow[];
  lost: ReportLostItem[];
  agencyMap: { custom: boolean; source: string | null };
  summary: {
    overall: Bilingual;
    parts: Bilingual;
    fields: { code: string; text: Bilingual; lost: Bilingual | null }[];
  };
}
/** GET / PUT /api/campaigns/:campaignId/agencies */
export interface AgencyMapping {
  custom: boolean;
  source: string | null;
  updatedAt: string | null;
  agencies: Record<string, string[]>;
  criteria: { code: string; name: string; level: number; agencies: string[]; inherited: boolean }[];
}

// ---- results (issue 5): SIPAS and leadership results, applied to the score leaves ----
export type EstimateWarning = 'small_n' | 'suppressed';
/** an estimate with its standard error, 95 % CI, n (valid answers) and small-n warning; shares in [0, 1] */
export interface ResultEstimate {
  estimate: number | null;
  se: number | null;
  ci: [number, number] | null;
  n: number;
  warning: EstimateWarning | null;
}
export interface SipasFactorPointsOut {
  code: string;
  max: number;
  points: number | null;
  se: number | null;
  ci: [number, number] | null;
}
/** Weighting options of GET …/results/sipas (all optional; default: strata = units, no calibration, Taylor). */
export interface SipasWeightingQuery {
  strata?: 'unit' | 'unit_level';
  calibration?: 'none' | 'rake';
  /** weight floor / cap as multiples of the median weight */
  trimMin?: number;
  trimMax?: number;
  variance?: 'taylor' | 'bootstrap';
  /** bootstrap replicates (default 500, at most 5000) and seed (default 1) */
  replicates?: number;
  seed?: number;
}
export interface SipasWeightingDetails {
  strata: 'unit' | 'unit_level';
  strataCount: number;
  /** null without calibration */
  calibration: {
    method: 'rake';
    converged: boolean;
    iterations: number;
    /** max over margins and cells of |Σw − T| / T */
    maxMarginError: number;
    /** why raking did not converge; null when it did */
    message: Bilingual | null;
    variables: string[];
    /** forms with a blank answer to a raked variable (they keep their design weight) */
    blankForms: number;
    margins: { variable: string; category: string; target: number; achieved: number }[];
  } | null;
  trim: { min: number | null; max: number | null } | null;
  trimmed: number;
  effectiveSize: number | null;
  /** Kish: n / n_eff */
  designEffect: number | null;
  weightTotal: number | null;
  variance: { method: 'taylor' | 'bootstrap'; replicates: number | null; seed: number | null };
}
/** GET / PUT /api/campaigns/:campaignId/results/margins — known population totals to rake to (PUT body: { text: CSV }) */
export interface SipasMargins {
  variables: { variable: string; label: Bilingual; kind: 'single' | 'age_band'; categories: { value: string; label: Bilingual }[] }[];
  rows: { variable: string; category: string; population: number }[];
  totals: { variable: string; total: number }[];
  /** false when the variables' grand totals differ (raking cannot converge) */
  consistent: boolean;
}
/** GET /api/campaigns/:campaignId/results/sipas?by=unit|gov_level&factorIndex=items|overall (+ SipasWeightingQuery) */
export interface SipasResults {
  campaign: { id: string; name: string; year: number };
  questionnaire: { id: string; version: number };
  forms: { accepted: number; excluded: { status: string; count: number }[]; excludedTotal: number };
  weighting: 'population' | 'unweighted';
  weightingNote: Bilingual | null;
  effectiveSize: number | null;
  /** how the weights were made and the variance computed (strata, raking, trimming, n_eff, deff) */
  weightingDetails: SipasWeightingDetails;
  /** what produced the weights (design weights, post-stratification / raking on which variables, trimming bounds), with its label */
  weightingDescription: {
    design: 'equal' | 'unit' | 'unit_level';
    calibration: { method: 'post_stratified' | 'raked'; variables: { variable: string; label: Bilingual }[]; converged: boolean } | null;
    trim: { min: number | null; max: number | null; trimmed: number } | null;
    label: Bilingual;
  };
  /** which design strata the entered data allow: unit × level needs a per-level population for every sampled pair */
  strataOptions: {
    unit: { available: true };
    unit_level: { available: boolean; missing: { unitId: string; unit: string; level: string; forms: number }[]; unfitForms: number; reason: Bilingual | null };
  };
  /** form by form, or from grouped sums in the database (large campaigns): the same figures */
  computation: 'forms' | 'database';
  /** unit, gov_level or a demographic variable (gender, birth_year as age bands, education …) */
  by: string;
  factorIndex: 'items' | 'overall';
  items: (ResultEstimate & { id: string; factor: string; label: Bilingual; dontKnow: number; blank: number })[];
  factors: (ResultEstimate & { factor: string; title: Bilingual; part: string | null; omitted: string[]; points: SipasFactorPointsOut | null })[];
  sipas: ResultEstimate;
  points: (ResultEstimate & { max: number }) | null;
  groups: {
    group: string;
    name: string;
    /** a demographic group's category label */
    label: Bilingual | null;
    forms: number;
    sipas: ResultEstimate;
    points: (ResultEstimate & { max: number }) | null;
    factors: (ResultEstimate & { factor: string; points: SipasFactorPointsOut | null })[];
  }[];
  improve: (ResultEstimate & { value: string; label: Bilingual })[];
}
/** GET /api/campaigns/:campaignId/results/leadership?byGroup=true|false */
export interface LeadershipResults {
  campaign: { id: string; name: string; year: number };
  sheets: number;
  /** answers given but still sealed in the anonymity pool (counted in no figure until released) */
  waiting: { total: number; groups: { group: string; count: number }[] | null; releaseSize: number; closed: boolean; reason: Bilingual | null };
  byGroup: boolean;
  groups: string[];
  items: {
    code: string;
    name: string;
    max: number;
    score: number | null;
    se: number | null;
    ci: [number, number] | null;
    n: number;
    dontKnow: number | null;
    dontKnowShare: number | null;
    warning: EstimateWarning | null;
    groups: { group: string; n: number; mean: number | null; se: number | null }[];
  }[];
  total: { score: number; max: number; se: number | null; ci: [number, number] | null; complete: boolean };
}
/** POST /api/campaigns/:campaignId/results/apply */
export interface ApplyResultsRequest {
  sipas: boolean;
  leadership: boolean;
  unitIds?: string[];
}
export interface ApplyResultsResponse {
  written: { unitId: string; unitName: string; code: string; points: number; note: string }[];
  skipped: { unitId: string | null; unitName: string | null; code: string | null; reason: Bilingual }[];
}

// ---- results over the years and response rates ----
export interface ResultTrendPart {
  score: number;
  max: number;
}
export interface ResultTrendUnit {
  unitId: string;
  name: string;
  group: string;
  total: number;
  max: number;
  /** the total split by the source of the leaves: content, leadership survey, SIPAS */
  parts: { content: ResultTrendPart; leadership: ResultTrendPart; sipas: ResultTrendPart };
}
export interface ResultTrendCampaign {
  id: string;
  name: string;
  year: number;
  units: ResultTrendUnit[];
}
/** SIPAS: rate = accepted / target (null without a target); received = forms of every status */
export interface SipasResponseRate {
  accepted: number;
  received: number;
  target: number | null;
  rate: number | null;
}
/** leadership: rate = answered / (invited − failed) */
export interface LeadershipResponseRate {
  invited: number;
  failed: number;
  answered: number;
  rate: number | null;
}
/** GET /api/campaigns/:campaignId/results/trends */
export interface ResultTrends {
  campaign: { id: string; name: string; year: number };
  /** the campaign and its previous campaigns, oldest first (at most 10) */
  trend: ResultTrendCampaign[];
  responseRates: {
    sipas: { overall: SipasResponseRate; units: (SipasResponseRate & { unitId: string; name: string })[] };
    leadership: { overall: LeadershipResponseRate; groups: (LeadershipResponseRate & { group: string })[] };
  };
}
