// Friendly names for the API's shapes. Every type here is taken from the types generated from the server's route
// schemas (generated/openapi.d.ts, `npm run gen:api`), so nothing restates a server schema by hand: change the
// route's zod schema, regenerate, and the compiler shows what in the web must follow.
import type { components } from './generated/openapi';
import type { ApiBody, ApiQuery, ApiResponse } from './openapi';

type Schemas = components['schemas'];
type Item<L> = L extends readonly (infer T)[] ? T : never;

/**
 * A list of every member of a union, for menus and checks at run time; the compiler refuses a list that misses a
 * member or names one the server does not know.
 */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

export type Bilingual = Schemas['Bilingual'];

// ---- users and units ----
export type User = ApiResponse<'/api/auth/me'>['user'];
export type ChangePasswordRequest = ApiBody<'/api/auth/change-password', 'post'>;
export type Role = User['role'];
export type Unit = Item<ApiResponse<'/api/units'>['units']>;
export type UnitKind = Unit['kind'];
export type UnitKindCode = UnitKind;
export const UNIT_KINDS = allOf<UnitKind>()(['province', 'department', 'district', 'commune']);
export type NewUnit = ApiBody<'/api/units', 'post'>;
export type UnitChanges = ApiBody<'/api/units/{id}', 'patch'>;

// ---- criteria and band sets ----
export type CriteriaSetSummary = Item<ApiResponse<'/api/criteria-sets'>['criteriaSets']>;
export type CampaignRef = Item<CriteriaSetSummary['usedBy']>;
export type CriteriaSetDetail = ApiResponse<'/api/criteria-sets/{code}'>['criteriaSet'];
export type CriterionDef = Item<CriteriaSetDetail['criteria']>;
export type BandSet = Item<ApiResponse<'/api/band-sets'>['bandSets']>;
export type Band = Item<BandSet['bands']>;

// ---- campaigns ----
export type Campaign = ApiResponse<'/api/campaigns/{id}'>['campaign'];
export type CampaignStatus = Campaign['status'];
export const CAMPAIGN_STATUSES = allOf<CampaignStatus>()(['draft', 'fieldwork', 'closed']);
export type NewCampaign = ApiBody<'/api/campaigns', 'post'>;
export type CampaignChanges = ApiBody<'/api/campaigns/{id}', 'patch'>;

// ---- score tables: import, edit, history ----
type ImportPath = '/api/campaigns/{campaignId}/units/{unitId}/imports/preview';
type CommitPath = '/api/campaigns/{campaignId}/units/{unitId}/imports/commit';
export type ImportRequest = ApiBody<ImportPath, 'post'>;
export type ImportPreview = ApiResponse<ImportPath, 'post'>;
export type ImportFinding = Item<ImportPreview['findings']>;
export type Finding = Omit<ImportFinding, 'blocking'>;
export type Severity = ImportFinding['severity'];
export type OverrideCandidate = Item<ImportPreview['candidates']>;
export type ImportCommitRequest = ApiBody<CommitPath, 'post'>;
export type ImportCommitResult = ApiResponse<CommitPath, 'post'>;

export type UnitScores = ApiResponse<'/api/campaigns/{campaignId}/units/{unitId}/scores'>;
export type ScoreTree = UnitScores['tree'];
export type ScoreNode = Schemas['ScoreNode'];
export type Source = NonNullable<ScoreNode['source']>;
export const SOURCES = allOf<Source>()(['content', 'leadership_survey', 'sipas']);
export type BandRef = NonNullable<UnitScores['band']>;
export type ScoreUpdate = ApiBody<'/api/campaigns/{campaignId}/units/{unitId}/scores/{code}', 'put'>;
export type ScoreUpdateResult = ApiResponse<'/api/campaigns/{campaignId}/units/{unitId}/scores/{code}', 'put'>;
export type HistoryEntry = Item<ApiResponse<'/api/campaigns/{campaignId}/units/{unitId}/scores/{code}/history'>['entries']>;

// ---- ranking ----
export type Ranking = ApiResponse<'/api/campaigns/{campaignId}/ranking'>;
export type RankedUnit = Item<Ranking['units']>;
export type GroupSummary = Item<Ranking['groups']>;

// ---- SIPAS fieldwork (server/features/fieldwork/API.md) ----
export type FieldworkSetup = ApiResponse<'/api/campaigns/{campaignId}/fieldwork'>;
export type FieldworkPlan = NonNullable<FieldworkSetup['plan']>;
/** the questionnaires a fieldwork plan offers (the server takes any survey-forms id and checks it) */
export const FIELDWORK_QUESTIONNAIRE_IDS = ['sipas-2017', 'sipas-2023', 'sipas-2023-two-level'] as const satisfies readonly FieldworkPlan['questionnaireId'][];
export type FieldworkQuestionnaireId = (typeof FIELDWORK_QUESTIONNAIRE_IDS)[number];
export type Quota = Item<FieldworkSetup['quotas']>;
/** level of government of the procedure (the `gov_level` answer), or `all` for a unit-wide quota */
export type QuotaLevel = Quota['level'];
/** a campaign's level of government with its label: data from its questionnaire (province and commune in a two-level campaign) */
export type GovLevel = Item<FieldworkSetup['levels']>;
/** the unit-wide quota (and population): not a level of government */
export const ALL_LEVELS = 'all';
export type FieldworkEnumerator = Item<FieldworkSetup['enumerators']>;
export type FieldworkSupervisor = Item<FieldworkSetup['supervisors']>;
export type AssignmentsUpdate = ApiBody<'/api/campaigns/{campaignId}/fieldwork/assignments', 'put'>;
export type AssignmentsResult = ApiResponse<'/api/campaigns/{campaignId}/fieldwork/assignments', 'put'>;
export type EnumeratorPreview = ApiResponse<'/api/campaigns/{campaignId}/fieldwork/enumerators/preview', 'post'>;
export type EnumeratorCsvRow = Item<EnumeratorPreview['rows']>;
export type CsvRowError = Item<EnumeratorPreview['errors']>;
export type EnumeratorCommitResult = ApiResponse<'/api/campaigns/{campaignId}/fieldwork/enumerators/commit', 'post'>;

/** a form as the phone sends it (POST /api/fieldwork/submissions, one receipt per form) */
export type FormEnvelope = Schemas['FormEnvelopeInput'];
export type FormMode = FormEnvelope['mode'];
export type FormParadata = FormEnvelope['paradata'];
/**
 * The file an enumerator's app exports when no network works at all (read back by the review page's upload);
 * `Form` is the envelope as its writer types it (the phone's always carries its paradata).
 */
export interface OutboxFile<Form = FormEnvelope> {
  format: 'parindex-outbox';
  version: 1;
  exportedAt: string;
  enumeratorId: string;
  deviceId: string;
  forms: Form[];
}
export type SubmissionResult = ApiResponse<'/api/fieldwork/submissions', 'post'>;
export type SubmissionReceipt = Item<SubmissionResult['receipts']>;

export type FormList = ApiResponse<'/api/campaigns/{campaignId}/fieldwork/forms'>;
export type FormSummary = Item<FormList['forms']>;
export type FormStatus = FormSummary['status'];
export const FORM_STATUSES = allOf<FormStatus>()(['pending', 'flagged', 'accepted', 'rejected', 'returned']);
export type FormFlag = Item<FormSummary['flags']>;
/** the flags the review queue offers as filters (the server's flag code is open: fieldwork/quality.ts and ingest) */
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
/** the review queue's filters: the query of GET …/fieldwork/forms, with its page always given */
export type FormFilters = ApiQuery<'/api/campaigns/{campaignId}/fieldwork/forms'> & { limit: number; offset: number };
export type FormWithEvents = ApiResponse<'/api/fieldwork/forms/{formId}'>;
export type FormDetail = FormWithEvents['form'];
export type FormEvent = Item<FormWithEvents['events']>;
export type Decision = ApiBody<'/api/fieldwork/forms/{formId}/decision', 'post'>;
export type DecisionAction = Decision['action'];

export type Recheck = Item<ApiResponse<'/api/campaigns/{campaignId}/fieldwork/rechecks'>['rechecks']>;
export type RecheckOutcome = NonNullable<Recheck['outcome']>;
export const RECHECK_OUTCOMES = allOf<RecheckOutcome>()(['confirmed', 'not_reached', 'discrepancy']);
export type RecheckDraw = ApiBody<'/api/campaigns/{campaignId}/fieldwork/rechecks/draw', 'post'>;

export type FieldworkDashboard = ApiResponse<'/api/campaigns/{campaignId}/fieldwork/dashboard'>;
export type ProgressCounts = Omit<Item<FieldworkDashboard['enumerators']>, 'userId' | 'name'>;
export type LevelProgress = Item<Item<FieldworkDashboard['units']>['levels']>;

// ---- leadership e-mail survey (server/features/leadership/API.md) ----
export type LeadershipSurveyResponse = ApiResponse<'/api/campaigns/{campaignId}/leadership'>;
export type LeadershipSurvey = NonNullable<LeadershipSurveyResponse['survey']>;
export type MailTemplate = LeadershipSurvey['invitation'];
export type MailKind = ApiBody<'/api/campaigns/{campaignId}/leadership/preview', 'post'>['kind'];
export type MailPreview = ApiResponse<'/api/campaigns/{campaignId}/leadership/preview', 'post'>;
export type Respondent = Item<ApiResponse<'/api/campaigns/{campaignId}/leadership/respondents'>['respondents']>;
export type RespondentStatus = Respondent['status'];
export const RESPONDENT_STATUSES = allOf<RespondentStatus>()(['new', 'queued', 'sending', 'sent', 'uncertain', 'failed', 'responded']);
/** respondent groups: HĐND delegates, leaders of departments, districts, communes */
export type LeadershipGroup = NonNullable<RespondentChanges['group']>;
export const LEADERSHIP_GROUPS = allOf<LeadershipGroup>()(['hdnd', 'so', 'huyen', 'xa']);
export type RespondentFilters = ApiQuery<'/api/campaigns/{campaignId}/leadership/respondents'>;
export type RespondentChanges = ApiBody<'/api/campaigns/{campaignId}/leadership/respondents/{respondentId}', 'patch'>;
export type RespondentPreview = ApiResponse<'/api/campaigns/{campaignId}/leadership/respondents/preview', 'post'>;
export type RespondentCsvRow = Item<RespondentPreview['rows']>;
export type RespondentCommitResult = ApiResponse<'/api/campaigns/{campaignId}/leadership/respondents/commit', 'post'>;
export type SendProgress = ApiResponse<'/api/campaigns/{campaignId}/leadership/progress'>;
export type ReminderSchedule = ApiResponse<'/api/campaigns/{campaignId}/leadership/reminders'>;
export type UncertainMessage = Item<ApiResponse<'/api/campaigns/{campaignId}/leadership/uncertain'>['messages']>;
export type UncertainResendResult = ApiResponse<'/api/campaigns/{campaignId}/leadership/uncertain/resend', 'post'>;
export type LeadershipTracking = ApiResponse<'/api/campaigns/{campaignId}/leadership/tracking'>;
export type ResponseRate = LeadershipTracking['overall'];
export type MailOutbox = ApiResponse<'/api/mail-outbox'>;
export type MailOutboxMessage = Item<MailOutbox['messages']>;
export type RespondInfo = ApiResponse<'/api/respond/{token}'>;

// ---- the yearly report (server/features/reports/README.md) ----
export type UnitReport = ApiResponse<'/api/campaigns/{campaignId}/units/{unitId}/report'>;
export type ReportRank = NonNullable<UnitReport['total']['rank']>;
export type ReportPrevious = NonNullable<UnitReport['total']['previous']>;
export type ReportChange = NonNullable<UnitReport['total']['change']>;
export type ReportRow = Item<UnitReport['rows']>;
export type ReportLostItem = Item<UnitReport['lost']>;
export type ReportPart = UnitReport['parts']['content'];
export type AgencyMapping = ApiResponse<'/api/campaigns/{campaignId}/agencies'>;

// ---- results: SIPAS and leadership, applied to the score leaves; over the years ----
export type SipasResults = ApiResponse<'/api/campaigns/{campaignId}/results/sipas'>;
export type SipasWeightingQuery = Omit<ApiQuery<'/api/campaigns/{campaignId}/results/sipas'>, 'by' | 'factorIndex'>;
export type SipasWeightingDetails = SipasResults['weightingDetails'];
export type ResultEstimate = SipasResults['sipas'];
export type EstimateWarning = NonNullable<ResultEstimate['warning']>;
export type SipasFactorPointsOut = NonNullable<Item<SipasResults['factors']>['points']>;
export type SipasMargins = ApiResponse<'/api/campaigns/{campaignId}/results/margins'>;
export type LeadershipResults = ApiResponse<'/api/campaigns/{campaignId}/results/leadership'>;
export type ApplyResultsRequest = ApiBody<'/api/campaigns/{campaignId}/results/apply', 'post'>;
export type ApplyResultsResponse = ApiResponse<'/api/campaigns/{campaignId}/results/apply', 'post'>;
export type ResultTrends = ApiResponse<'/api/campaigns/{campaignId}/results/trends'>;
export type ResultTrendCampaign = Item<ResultTrends['trend']>;
export type ResultTrendUnit = Item<ResultTrendCampaign['units']>;
export type ResultTrendPart = ResultTrendUnit['parts']['content'];
export type SipasResponseRate = ResultTrends['responseRates']['sipas']['overall'];
export type LeadershipResponseRate = ResultTrends['responseRates']['leadership']['overall'];
