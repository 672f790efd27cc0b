import type { Kysely } from 'kysely';
import type { CriteriaSet, CriterionDef } from '../../../analytics/src/types';
import type { AppraisalStatus, DB, SheetStatus } from '../../db/schema';
import { AppError, conflict } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { insertAudit } from '../content-scores/repository';
import { requireOpenPhase } from './phases';
import { canAppraiseLeaf, requireSheetAccess, type SheetRole } from './scope';
import {
  assessableLeaves, ensureLeaf, findLeaf, insertEvent, leafOut, lockSheet, notApplicableCodes, setSheetStatus, sheetLeaves,
  unitCriteriaSet, unitOfficers, updateLeafAt, type LeafRow,
} from './appraisal.repository';
import { notify } from './notifications.service';
import { isContested } from './reminders';

// The appraisal side of a self-assessment sheet (issue 11; DESIGN.md "Workflow rules"): the appraisers of a field
// agree with, change or ask more evidence for each leaf (phase appraisal); the unit answers the lowered ones
// (phase response); the appraisers set the final scores (phase final_appraisal). Every write names the leaf version it
// read; every step goes to the leaf's history (assessment_event) and the audit log. The route owns the transaction.

export interface LeafKey { campaignId: string; unitId: string; code: string }

const EPS = 1e-9;
const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });

const invalid = (vi: string, en: string, details?: unknown) => new AppError(422, 'validation', { vi, en }, details);
const leafNotFound = () => new AppError(404, 'not_found', { vi: 'Không tìm thấy tiêu chí này trong phạm vi của bạn.', en: 'Criterion not found within your scope.' });

/** The leaf in the unit's set, after the caller's scope is checked (404 outside it). */
async function leafScope(db: Kysely<DB>, user: SessionUser, k: LeafKey, need: 'appraise' | 'respond') {
  const role = await requireSheetAccess(db, user, k.campaignId, k.unitId);
  const set = await unitCriteriaSet(db, k.campaignId, k.unitId);
  const na = (await notApplicableCodes(db, k.campaignId, k.unitId)).get(k.unitId) ?? new Set<string>();
  const criterion = set && assessableLeaves(set, na).find((c) => c.code === k.code);
  if (!set || !criterion) throw leafNotFound();
  if (need === 'appraise' && !(await canAppraiseLeaf(db, user, k.campaignId, set, k.code))) throw leafNotFound();
  if (need === 'respond' && role !== 'officer' && role !== 'staff') throw leafNotFound();
  return { role, set, criterion, na };
}

/** The sheet, locked; 409 when its status does not allow the step. */
async function sheetIn(db: Kysely<DB>, k: { campaignId: string; unitId: string }, allowed: readonly SheetStatus[], step: { vi: string; en: string }) {
  const sheet = await lockSheet(db, k.campaignId, k.unitId);
  if (!sheet || !allowed.includes(sheet.status)) {
    const status = sheet?.status ?? 'draft';
    throw new AppError(409, 'conflict', {
      vi: `Chưa thể ${step.vi}: bảng tự đánh giá đang ở trạng thái "${STATUS_VI[status]}".`,
      en: `Cannot ${step.en} now: the self-assessment sheet is "${status}".`,
    }, { status });
  }
  return sheet;
}

const STATUS_VI: Record<SheetStatus, string> = {
  draft: 'đang tự đánh giá', submitted: 'đã nộp', appraised: 'đã thẩm định', responded: 'đã giải trình', finalised: 'đã thẩm định lại', approved: 'đã phê duyệt',
};

function checkScore(score: number, c: CriterionDef) {
  if (score < 0 || score > c.maxPoints + EPS) {
    throw invalid(`Điểm của tiêu chí ${c.code} phải từ 0 đến ${fmt(c.maxPoints)} (nhận được ${fmt(score)}).`,
      `The score of criterion ${c.code} must be between 0 and ${c.maxPoints} (got ${score}).`, { field: 'score', code: c.code });
  }
}

function requireComment(comment: string | null, c: CriterionDef, why: { vi: string; en: string }) {
  if (!comment) throw invalid(`Tiêu chí ${c.code}: cần nhận xét vì ${why.vi}.`, `Criterion ${c.code}: a comment is required because ${why.en}.`, { field: 'comment', code: c.code });
}

/** 409 version_conflict carrying the leaf as it is now. */
async function versionConflict(db: Kysely<DB>, k: LeafKey): Promise<never> {
  const current = await findLeaf(db, k.campaignId, k.unitId, k.code);
  throw new AppError(409, 'version_conflict', {
    vi: `Tiêu chí ${k.code} vừa được người khác sửa. Hãy xem lại giá trị hiện tại rồi lưu lại.`,
    en: `Criterion ${k.code} was just changed by someone else. Check its current values and save again.`,
  }, { current: current ? leafOut(current) : null });
}

const auditKey = (k: LeafKey) => `${k.campaignId}/${k.unitId}/${k.code}`;
const snapshot = (r: LeafRow) => {
  const o = leafOut(r);
  return { appraisalStatus: o.appraisalStatus, appraised: o.appraisedScore, appraisalComment: o.appraisalComment, response: o.responseText, final: o.finalScore, finalComment: o.finalComment };
};

async function record(db: Kysely<DB>, user: SessionUser, k: LeafKey, action: string, before: LeafRow, after: LeafRow, ev: { from: number | null; to: number | null; comment: string | null }) {
  await insertEvent(db, { ...k, userId: user.id, kind: action, ...ev });
  await insertAudit(db, [{ user_id: user.id, action, entity: 'assessment_leaf', entity_key: auditKey(k), old_value: snapshot(before), new_value: snapshot(after) }]);
}

export type AppraisalAction = 'agree' | 'score' | 'more_evidence';

/** Phase appraisal: agree (appraised = self), score (comment required below self), more_evidence (comment required). */
export async function appraiseLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; action: AppraisalAction; score?: number | null; comment?: string | null }) {
  const { set, criterion, na } = await leafScope(db, user, k, 'appraise');
  await requireOpenPhase(db, k.campaignId, k.unitId, ['appraisal']);
  await sheetIn(db, k, ['submitted', 'appraised'], { vi: 'thẩm định', en: 'appraise' });
  const before = await ensureLeaf(db, k.campaignId, k.unitId, k.code);
  const self = num(before.self_score);
  const comment = body.comment?.trim() || null;
  let appraised: number | null;
  let status: AppraisalStatus;
  if (body.action === 'agree') {
    if (self === null) throw invalid(`Tiêu chí ${k.code} chưa có điểm tự đánh giá: hãy nhập điểm thẩm định.`, `Criterion ${k.code} has no self-assessed score: enter an appraised score.`, { field: 'action', code: k.code });
    appraised = self;
    status = 'agreed';
  } else if (body.action === 'score') {
    if (body.score === undefined || body.score === null) throw invalid(`Tiêu chí ${k.code}: thiếu điểm thẩm định.`, `Criterion ${k.code}: the appraised score is missing.`, { field: 'score', code: k.code });
    checkScore(body.score, criterion);
    if (self === null || body.score < self - EPS) {
      requireComment(comment, criterion, self === null
        ? { vi: 'đơn vị chưa tự chấm', en: 'the unit gave no score' }
        : { vi: `điểm thẩm định (${fmt(body.score)}) thấp hơn điểm tự đánh giá (${fmt(self)})`, en: `the appraised score (${body.score}) is lower than the self-assessed score (${self})` });
    }
    appraised = body.score;
    status = self !== null && Math.abs(body.score - self) < EPS ? 'agreed' : 'changed';
  } else {
    requireComment(comment, criterion, { vi: 'yêu cầu bổ sung tài liệu kiểm chứng phải nói cần gì', en: 'a request for more evidence must say what is needed' });
    if (body.score !== undefined && body.score !== null) checkScore(body.score, criterion);
    appraised = body.score ?? null;
    status = 'more_evidence';
  }
  const after = await updateLeafAt(db, k.campaignId, k.unitId, k.code, body.version, {
    appraisal_status: status, appraised_score: appraised, appraisal_comment: comment, appraised_at: new Date(), appraised_by: user.id,
  });
  if (!after) return versionConflict(db, k);
  await record(db, user, k, `appraisal_${body.action}`, before, after, { from: num(before.appraised_score) ?? self, to: appraised, comment });
  const sheetStatus = await markAppraisedWhenDone(db, user, k, set, na);
  return { ...leafOut(after), sheetStatus };
}

/** When no leaf of a submitted sheet is left pending, the sheet is `appraised` and its officers are told. */
async function markAppraisedWhenDone(db: Kysely<DB>, user: SessionUser, k: LeafKey, set: CriteriaSet, na: ReadonlySet<string>): Promise<SheetStatus> {
  const sheet = (await lockSheet(db, k.campaignId, k.unitId))!;
  if (sheet.status !== 'submitted') return sheet.status;
  const rows = new Map((await sheetLeaves(db, k.campaignId, k.unitId)).map((r) => [r.criterion_code, r]));
  const leaves = assessableLeaves(set, na);
  if (leaves.some((c) => (rows.get(c.code)?.appraisal_status ?? 'pending') === 'pending')) return sheet.status;
  await setSheetStatus(db, k.campaignId, k.unitId, 'appraised');
  await insertEvent(db, { campaignId: k.campaignId, unitId: k.unitId, code: null, userId: user.id, kind: 'sheet_appraised' });
  await insertAudit(db, [{ user_id: user.id, action: 'sheet_appraised', entity: 'assessment_sheet', entity_key: `${k.campaignId}/${k.unitId}`, old_value: { status: 'submitted' }, new_value: { status: 'appraised' } }]);
  const contested = [...rows.values()].filter(isContested).length;
  const names = await db.selectFrom('campaign as c').innerJoin('unit as u', (j) => j.on('u.id', '=', k.unitId))
    .select(['c.name as campaign', 'u.name as unit']).where('c.id', '=', k.campaignId).executeTakeFirstOrThrow();
  await notify(db, (await unitOfficers(db, k.unitId)).map((o) => ({
    userId: o.id, kind: 'appraisal_available', campaignId: k.campaignId, unitId: k.unitId,
    message: {
      vi: `${names.campaign}: đã có kết quả thẩm định của ${names.unit}${contested ? `; ${contested} tiêu chí bị hạ điểm hoặc cần bổ sung tài liệu, có thể giải trình trong giai đoạn Giải trình` : '; không tiêu chí nào bị hạ điểm'}.`,
      en: `${names.campaign}: the appraisal of ${names.unit} is available${contested ? `; ${contested} criteria were lowered or need more evidence and may be answered during the Response phase` : '; no criterion was lowered'}.`,
    },
    dedupeKey: `appraisal_available:${k.campaignId}:${k.unitId}:${sheet.version}:${o.id}`,
  })));
  return 'appraised';
}

/** Phase response: the unit's officer answers a lowered / more-evidence leaf. */
export async function respondToLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; text: string }) {
  await leafScope(db, user, k, 'respond');
  await requireOpenPhase(db, k.campaignId, k.unitId, ['response']);
  await sheetIn(db, k, ['appraised'], { vi: 'giải trình', en: 'respond' });
  const before = await findLeaf(db, k.campaignId, k.unitId, k.code);
  if (!before || !isContested(before)) {
    throw conflict({ vi: `Tiêu chí ${k.code} không bị hạ điểm hay yêu cầu bổ sung tài liệu: không cần giải trình.`, en: `Criterion ${k.code} was neither lowered nor asked for more evidence: nothing to respond to.` });
  }
  const text = body.text.trim();
  if (!text) throw invalid(`Tiêu chí ${k.code}: nội dung giải trình trống.`, `Criterion ${k.code}: the response is empty.`, { field: 'text', code: k.code });
  const after = await updateLeafAt(db, k.campaignId, k.unitId, k.code, body.version, { response_text: text, responded_at: new Date(), responded_by: user.id });
  if (!after) return versionConflict(db, k);
  await record(db, user, k, 'response', before, after, { from: num(before.appraised_score), to: null, comment: text });
  return { ...leafOut(after), sheetStatus: 'appraised' as SheetStatus };
}

/** Phase response: the unit closes its response (the sheet becomes `responded`; answers can no longer change). */
export async function closeResponse(db: Kysely<DB>, user: SessionUser, k: { campaignId: string; unitId: string }) {
  const role: SheetRole = await requireSheetAccess(db, user, k.campaignId, k.unitId);
  if (role !== 'officer' && role !== 'staff') throw leafNotFound();
  await requireOpenPhase(db, k.campaignId, k.unitId, ['response']);
  await sheetIn(db, k, ['appraised'], { vi: 'kết thúc giải trình', en: 'close the response' });
  await setSheetStatus(db, k.campaignId, k.unitId, 'responded');
  await insertEvent(db, { ...k, code: null, userId: user.id, kind: 'response_closed' });
  await insertAudit(db, [{ user_id: user.id, action: 'response_closed', entity: 'assessment_sheet', entity_key: `${k.campaignId}/${k.unitId}`, old_value: { status: 'appraised' }, new_value: { status: 'responded' } }]);
  return { status: 'responded' as SheetStatus };
}

const FINAL_STATUSES: readonly SheetStatus[] = ['appraised', 'responded', 'finalised'];

/** Phase final_appraisal: the appraiser sets a leaf's final score (comment required below self). */
export async function finaliseLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; score: number; comment?: string | null }) {
  const { set, criterion, na } = await leafScope(db, user, k, 'appraise');
  await requireOpenPhase(db, k.campaignId, k.unitId, ['final_appraisal']);
  await sheetIn(db, k, FINAL_STATUSES, { vi: 'thẩm định lại', en: 'set final scores' });
  const before = await ensureLeaf(db, k.campaignId, k.unitId, k.code);
  const self = num(before.self_score);
  const comment = body.comment?.trim() || null;
  checkScore(body.score, criterion);
  if (self === null || body.score < self - EPS) {
    requireComment(comment, criterion, self === null
      ? { vi: 'đơn vị chưa tự chấm', en: 'the unit gave no score' }
      : { vi: `điểm cuối cùng (${fmt(body.score)}) thấp hơn điểm tự đánh giá (${fmt(self)})`, en: `the final score (${body.score}) is lower than the self-assessed score (${self})` });
  }
  const after = await updateLeafAt(db, k.campaignId, k.unitId, k.code, body.version, { final_score: body.score, final_comment: comment, finalised_at: new Date(), finalised_by: user.id });
  if (!after) return versionConflict(db, k);
  await record(db, user, k, 'final', before, after, { from: num(before.final_score) ?? num(before.appraised_score) ?? self, to: body.score, comment });
  // once every contested leaf has its final score, the others keep their appraised score and the sheet is finalised
  const rows = await sheetLeaves(db, k.campaignId, k.unitId);
  const open = rows.filter((r) => isContested(r) && r.final_score === null);
  let sheetStatus = (await lockSheet(db, k.campaignId, k.unitId))!.status;
  if (open.length === 0 && sheetStatus !== 'finalised') sheetStatus = (await fillFinals(db, user, k, set, na, null)).status;
  return { ...leafOut(after), sheetStatus };
}

/**
 * Leaves without a final score keep their appraised score as final (those the caller may appraise: all for staff);
 * when every leaf then has a final score the sheet is `finalised`. A more-evidence leaf without any score needs an
 * explicit final score (422 listing them).
 */
async function fillFinals(db: Kysely<DB>, user: SessionUser, k: { campaignId: string; unitId: string }, set: CriteriaSet, na: ReadonlySet<string>, onlyCovered: ((code: string) => Promise<boolean>) | null) {
  const leaves = assessableLeaves(set, na);
  const rows = new Map((await sheetLeaves(db, k.campaignId, k.unitId)).map((r) => [r.criterion_code, r]));
  const mine: CriterionDef[] = [];
  for (const c of leaves) if (!onlyCovered || (await onlyCovered(c.code))) mine.push(c);
  const missing = mine.filter((c) => { const r = rows.get(c.code); return !r || (r.final_score === null && r.appraised_score === null); });
  if (missing.length) {
    throw invalid(`Các tiêu chí sau chưa có điểm thẩm định hay điểm cuối cùng: ${missing.map((c) => c.code).join(', ')}.`,
      `These criteria have neither an appraised nor a final score: ${missing.map((c) => c.code).join(', ')}.`, { missing: missing.map((c) => c.code) });
  }
  const now = new Date();
  for (const c of mine) {
    const r = rows.get(c.code)!;
    if (r.final_score !== null) continue;
    const after = await updateLeafAt(db, k.campaignId, k.unitId, c.code, r.version, { final_score: num(r.appraised_score), finalised_at: now, finalised_by: user.id });
    if (!after) return versionConflict(db, { ...k, code: c.code });
    await record(db, user, { ...k, code: c.code }, 'final_kept', r, after, { from: num(r.appraised_score), to: num(r.appraised_score), comment: null });
    rows.set(c.code, after);
  }
  const remaining = leaves.filter((c) => rows.get(c.code)?.final_score === null || !rows.get(c.code)).length;
  if (remaining === 0) {
    const sheet = (await lockSheet(db, k.campaignId, k.unitId))!;
    if (sheet.status !== 'finalised') {
      await setSheetStatus(db, k.campaignId, k.unitId, 'finalised');
      await insertEvent(db, { ...k, code: null, userId: user.id, kind: 'sheet_finalised' });
      await insertAudit(db, [{ user_id: user.id, action: 'sheet_finalised', entity: 'assessment_sheet', entity_key: `${k.campaignId}/${k.unitId}`, old_value: { status: sheet.status }, new_value: { status: 'finalised' } }]);
    }
    return { status: 'finalised' as SheetStatus, remaining: 0 };
  }
  return { status: (await lockSheet(db, k.campaignId, k.unitId))!.status, remaining };
}

/** POST …/finalise: staff finalise the whole sheet; an appraiser the leaves of their fields (the sheet when that completes it). */
export async function finaliseSheet(db: Kysely<DB>, user: SessionUser, k: { campaignId: string; unitId: string }) {
  const role = await requireSheetAccess(db, user, k.campaignId, k.unitId);
  if (role === 'officer') throw leafNotFound();
  const set = await unitCriteriaSet(db, k.campaignId, k.unitId);
  if (!set) throw leafNotFound();
  await requireOpenPhase(db, k.campaignId, k.unitId, ['final_appraisal']);
  await sheetIn(db, k, FINAL_STATUSES, { vi: 'chốt kết quả thẩm định', en: 'finalise' });
  const na = (await notApplicableCodes(db, k.campaignId, k.unitId)).get(k.unitId) ?? new Set<string>();
  return fillFinals(db, user, k, set, na, role === 'staff' ? null : (code) => canAppraiseLeaf(db, user, k.campaignId, set, code));
}
