import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { AppraisalStatus, AssessmentLeafTable, AssessmentSheetTable, DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';

// A unit's self-assessment sheet and its leaves (issue 11, DESIGN.md): one sheet per (campaign, unit), one row per
// self-assessed leaf. Rows are created lazily — on first access or when the campaign's phases are set — and every
// write names the version it read (optimistic concurrency: UPDATE … WHERE version = $read; no row → 409).

export interface SheetKey { campaignId: string; unitId: string }

/** The leaves a unit scores itself: content leaves (survey leaves come from the surveys, not from the unit). */
export const selfAssessedLeaves = (set: CriteriaSet) => set.criteria.filter((c) => c.source === 'content');

/** Creates the sheet and its leaf rows if absent (idempotent; leaves added to nothing that exists). */
export async function ensureSheet(db: Kysely<DB>, key: SheetKey, set: CriteriaSet): Promise<void> {
  await db.insertInto('assessment_sheet').values({ campaign_id: key.campaignId, unit_id: key.unitId })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing()).execute();
  const leaves = selfAssessedLeaves(set);
  if (!leaves.length) return;
  // usually all there already: one count instead of a many-row insert on every access
  const have = await db.selectFrom('assessment_leaf').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).executeTakeFirstOrThrow();
  if (Number(have.n) >= leaves.length) return;
  await db.insertInto('assessment_leaf')
    .values(leaves.map((l) => ({ campaign_id: key.campaignId, unit_id: key.unitId, criterion_code: l.code })))
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'criterion_code']).doNothing()).execute();
}

// ---- sheet

export type SheetRow = Selectable<AssessmentSheetTable>;

export const findSheet = (db: Kysely<DB>, key: SheetKey) =>
  db.selectFrom('assessment_sheet').selectAll().where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).executeTakeFirst();

/** The sheet row, locked for the rest of the transaction (serialises submit / approve / reopen of one sheet). */
export const lockSheet = (db: Kysely<DB>, key: SheetKey) =>
  db.selectFrom('assessment_sheet').selectAll().where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).forUpdate().executeTakeFirst();

export const updateSheet = (db: Kysely<DB>, key: SheetKey, patch: Updateable<AssessmentSheetTable>) =>
  db.updateTable('assessment_sheet').set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).returningAll().executeTakeFirstOrThrow();

export const listCampaignSheets = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('assessment_sheet').selectAll().where('campaign_id', '=', campaignId).execute();

// ---- leaves

/** A leaf's state in API shape (numbers as numbers). */
export interface LeafState {
  code: string;
  selfScore: number | null;
  selfInputs: Record<string, number | null> | null;
  explanation: string | null;
  selfUpdatedAt: string | null;
  appraisalStatus: AppraisalStatus;
  appraisedScore: number | null;
  appraisalComment: string | null;
  responseText: string | null;
  finalScore: number | null;
  finalComment: string | null;
  version: number;
}

const num = (x: string | number | null) => (x === null ? null : Number(x));
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toLeafState(r: Selectable<AssessmentLeafTable>): LeafState {
  return {
    code: r.criterion_code,
    selfScore: num(r.self_score),
    selfInputs: (r.self_inputs as Record<string, number | null> | null) ?? null,
    explanation: r.explanation,
    selfUpdatedAt: iso(r.self_updated_at),
    appraisalStatus: r.appraisal_status,
    appraisedScore: num(r.appraised_score),
    appraisalComment: r.appraisal_comment,
    responseText: r.response_text,
    finalScore: num(r.final_score),
    finalComment: r.final_comment,
    version: r.version,
  };
}

export async function listLeaves(db: Kysely<DB>, key: SheetKey): Promise<LeafState[]> {
  const rows = await db.selectFrom('assessment_leaf').selectAll()
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).execute();
  return rows.map(toLeafState);
}

export async function findLeaf(db: Kysely<DB>, key: SheetKey, code: string): Promise<LeafState | undefined> {
  const row = await db.selectFrom('assessment_leaf').selectAll()
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).where('criterion_code', '=', code).executeTakeFirst();
  return row ? toLeafState(row) : undefined;
}

/** Leaf columns a step may write (the version is bumped here). */
export type LeafPatch = Omit<Updateable<AssessmentLeafTable>, 'campaign_id' | 'unit_id' | 'criterion_code' | 'version'>;

/**
 * Writes a leaf if it is still at the version the caller read: UPDATE … WHERE version = $read RETURNING. No row
 * updated → 409 `version_conflict` whose details carry the leaf as it is now (or 404 if there is no such leaf).
 */
export async function updateLeafAtVersion(db: Kysely<DB>, key: SheetKey, code: string, readVersion: number, patch: LeafPatch): Promise<LeafState> {
  const row = await db.updateTable('assessment_leaf')
    .set({ ...patch, version: sql`version + 1` })
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).where('criterion_code', '=', code)
    .where('version', '=', readVersion)
    .returningAll().executeTakeFirst();
  if (row) return toLeafState(row);
  const current = await findLeaf(db, key, code);
  if (!current) throw notFound({ vi: `tiêu chí ${code} trong bảng tự đánh giá`, en: `Criterion ${code} in the self-assessment sheet` });
  throw new AppError(409, 'version_conflict', {
    vi: `Tiêu chí ${code} vừa được người khác thay đổi (bạn đọc phiên bản ${readVersion}, hiện là ${current.version}). Không có gì bị ghi đè: hãy xem giá trị hiện tại rồi nhập lại.`,
    en: `Criterion ${code} was changed by someone else (you read version ${readVersion}, it is now ${current.version}). Nothing was overwritten: look at the current values and enter yours again.`,
  }, { current });
}

// ---- history

export interface EventInput {
  criterionCode: string | null;
  userId: string | null;
  kind: string;
  from?: number | null;
  to?: number | null;
  comment?: string | null;
}

export async function insertEvent(db: Kysely<DB>, key: SheetKey, e: EventInput): Promise<void> {
  await db.insertInto('assessment_event').values({
    campaign_id: key.campaignId, unit_id: key.unitId, criterion_code: e.criterionCode, user_id: e.userId,
    kind: e.kind, from_value: e.from ?? null, to_value: e.to ?? null, comment: e.comment ?? null,
  }).execute();
}

export async function listLeafEvents(db: Kysely<DB>, key: SheetKey, code: string) {
  const rows = await db.selectFrom('assessment_event as e').leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.at', 'e.criterion_code', 'e.kind', 'e.from_value', 'e.to_value', 'e.comment', 'u.display_name', 'u.username'])
    .where('e.campaign_id', '=', key.campaignId).where('e.unit_id', '=', key.unitId)
    .where((eb) => eb.or([eb('e.criterion_code', '=', code), eb('e.criterion_code', 'is', null)]))
    .orderBy('e.id').execute();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    user: r.display_name ?? r.username ?? null,
    kind: r.kind,
    from: num(r.from_value),
    to: num(r.to_value),
    comment: r.comment,
    /** submit, approval, reopen: steps of the whole sheet shown in each leaf's history */
    sheetLevel: r.criterion_code === null,
  }));
}

// ---- evidence (written by server/features/evidence; read here)

export interface LeafEvidence {
  linkId: string;
  documentId: string;
  criterionCode: string;
  filename: string;
  mediaType: string;
  size: number;
  pointer: string | null;
  stage: 'self' | 'response';
  /** the stored signature check of the document's bytes (evidence_blob.signature; read with signature/trust.ts) */
  signatureCheck: unknown;
}

/** The unit's live evidence links (deleted documents left out), per leaf code. */
export async function listEvidenceLinks(db: Kysely<DB>, key: SheetKey): Promise<Map<string, LeafEvidence[]>> {
  const rows = await db.selectFrom('evidence_link as l').innerJoin('evidence_document as d', 'd.id', 'l.document_id')
    .innerJoin('evidence_blob as b', 'b.sha256', 'd.sha256')
    .select(['l.id as linkId', 'l.document_id as documentId', 'l.criterion_code as criterionCode', 'd.filename', 'd.media_type as mediaType',
      'd.size', 'l.pointer', 'l.stage', 'b.signature as signatureCheck'])
    .where('l.campaign_id', '=', key.campaignId).where('l.unit_id', '=', key.unitId).where('d.deleted_at', 'is', null)
    .orderBy('l.created_at').execute();
  const out = new Map<string, LeafEvidence[]>();
  for (const r of rows) {
    const list = out.get(r.criterionCode) ?? [];
    list.push({ ...r, size: Number(r.size) });
    out.set(r.criterionCode, list);
  }
  return out;
}

// ---- per-leaf criterion data the set does not carry: evidence requirements, not-applicable per unit

export interface EvidenceRequirement { required: boolean; expected: string[] | null; guidance: string | null }

export async function evidenceRequirements(db: Kysely<DB>, setCode: string): Promise<Map<string, EvidenceRequirement>> {
  const rows = await db.selectFrom('criterion').select(['code', 'evidence_required', 'evidence_expected', 'evidence_guidance'])
    .where('criteria_set_code', '=', setCode).execute();
  return new Map(rows.map((r) => [r.code, { required: r.evidence_required, expected: r.evidence_expected, guidance: r.evidence_guidance }]));
}

/** Criteria marked not applicable to the unit (content_score.not_applicable), with the reason. */
export async function notApplicable(db: Kysely<DB>, key: SheetKey): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('content_score').select(['criterion_code', 'not_applicable_reason', 'note'])
    .where('campaign_id', '=', key.campaignId).where('unit_id', '=', key.unitId).where('not_applicable', '=', true).execute();
  return new Map(rows.map((r) => [r.criterion_code, r.not_applicable_reason ?? r.note]));
}
