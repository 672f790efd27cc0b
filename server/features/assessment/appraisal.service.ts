import type { Kysely } from 'kysely';
import type { CriterionDef } from '../../../analytics/src/types';
import type { AppraisalStatus, DB, SheetStatus } from '../../db/schema';
import { AppError, conflict } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { insertAudit } from '../content-scores/repository';
import { requireOpenPhase } from './phases';
import {
  insertEvent, listLeaves, lockSheet, notApplicable, selfAssessedLeaves, updateLeafAtVersion, updateSheet, type LeafState, type SheetKey,
} from './assessment-leaf.repository';
import { openSheet, refuseIfApproved, requireLeafDef, type SheetSession } from './sheet.service';
import { unitOfficers } from './appraisal.repository';
import { notify } from './notifications.service';
import { isContested } from './reminders';

// The appraisal side of a self-assessment sheet (issue 11; DESIGN.md "Workflow rules"): the appraisers of a field
// agree with, change or ask more evidence for each leaf (phase appraisal); the unit answers the lowered ones
// (phase response); the appraisers set the final scores (phase final_appraisal). Every write names the leaf version it
// read; every step goes to the leaf's history (assessment_event) and the audit log. The route owns the transaction.

export interface LeafKey extends SheetKey { code: string }

const EPS = 1e-9;
const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });

/** 400 for a bad field (as the self edit), 422 for what the sheet lacks (as submit). */
const invalid = (vi: string, en: string, details?: unknown, status: 400 | 422 = 400) => new AppError(status, 'validation', { vi, en }, details);
const outOfScope = () => new AppError(404, 'not_found', { vi: 'Không tìm thấy tiêu chí này trong phạm vi của bạn.', en: 'Criterion not found within your scope.' });

const STATUS_VI: Record<SheetStatus, string> = {
  draft: 'đang tự đánh giá', submitted: 'đã nộp', appraised: 'đã thẩm định', responded: 'đã giải trình', finalised: 'đã thẩm định lại', approved: 'đã phê duyệt',
};

/** The sheet (scope checked: 404 outside it) for the appraisal side (staff, appraisers) or the unit side (staff, officers). */
async function sheetFor(db: Kysely<DB>, user: SessionUser, k: SheetKey, side: 'appraiser' | 'unit'): Promise<SheetSession> {
  const s = await openSheet(db, user, k.campaignId, k.unitId);
  if (side === 'appraiser' && s.role === 'officer') throw outOfScope();
  if (side === 'unit' && s.role === 'appraiser') throw outOfScope();
  return s;
}

/** A self-assessed, applicable leaf within the caller's reach (404 otherwise). */
async function leafDef(db: Kysely<DB>, s: SheetSession, code: string): Promise<{ def: CriterionDef; na: Map<string, string | null> }> {
  const def = requireLeafDef(s, code);
  const na = await notApplicable(db, s.key);
  if (na.has(code)) throw outOfScope();
  return { def, na };
}

/** Locks the sheet; 409 when its status does not allow the step (and when it is approved: locked). */
async function sheetIn(db: Kysely<DB>, s: SheetSession, allowed: readonly SheetStatus[], step: { vi: string; en: string }) {
  const sheet = (await lockSheet(db, s.key))!;
  s.sheet = sheet;
  refuseIfApproved(s);
  if (!allowed.includes(sheet.status)) {
    throw new AppError(409, 'conflict', {
      vi: `Chưa thể ${step.vi}: bảng tự đánh giá của "${s.ctx.unit.name}" đang ở trạng thái "${STATUS_VI[sheet.status]}".`,
      en: `Cannot ${step.en} now: the self-assessment sheet of "${s.ctx.unit.name}" is "${sheet.status}".`,
    }, { status: sheet.status });
  }
  return sheet;
}

function checkScore(score: number, c: CriterionDef) {
  if (score < 0 || score > c.maxPoints + EPS) {
    throw invalid(`Tiêu chí ${c.code}, trường score: điểm ${fmt(score)} nằm ngoài khoảng 0–${fmt(c.maxPoints)}.`,
      `Criterion ${c.code}, field score: ${score} is outside 0–${c.maxPoints}.`, { field: 'score', code: c.code });
  }
}

function requireComment(comment: string | null, c: CriterionDef, why: { vi: string; en: string }) {
  if (!comment) throw invalid(`Tiêu chí ${c.code}, trường comment: cần nhận xét vì ${why.vi}.`, `Criterion ${c.code}, field comment: a comment is required because ${why.en}.`, { field: 'comment', code: c.code });
}

const leafAuditKey = (k: LeafKey) => `${k.campaignId}/${k.unitId}/${k.code}`;
const snapshot = (o: LeafState) => ({ appraisalStatus: o.appraisalStatus, appraised: o.appraisedScore, appraisalComment: o.appraisalComment, response: o.responseText, final: o.finalScore, finalComment: o.finalComment });

async function record(db: Kysely<DB>, user: SessionUser, k: LeafKey, action: string, before: LeafState, after: LeafState, ev: { from: number | null; to: number | null; comment: string | null }) {
  await insertEvent(db, k, { criterionCode: k.code, userId: user.id, kind: action, ...ev });
  await insertAudit(db, [{ user_id: user.id, action, entity: 'assessment_leaf', entity_key: leafAuditKey(k), old_value: snapshot(before), new_value: snapshot(after) }]);
}

async function sheetStep(db: Kysely<DB>, user: SessionUser, k: SheetKey, kind: string, from: SheetStatus, to: SheetStatus) {
  await updateSheet(db, k, { status: to });
  await insertEvent(db, k, { criterionCode: null, userId: user.id, kind });
  await insertAudit(db, [{ user_id: user.id, action: kind, entity: 'assessment_sheet', entity_key: `${k.campaignId}/${k.unitId}`, old_value: { status: from }, new_value: { status: to } }]);
}

/** The leaf's row as it is now (openSheet made every self-assessed leaf's row). */
async function currentLeaf(db: Kysely<DB>, k: LeafKey): Promise<LeafState> {
  const leaf = (await listLeaves(db, k)).find((l) => l.code === k.code);
  if (!leaf) throw outOfScope();
  return leaf;
}

export type AppraisalAction = 'agree' | 'score' | 'more_evidence';

/** Phase appraisal: agree (appraised = self), score (comment required below self), more_evidence (comment required). */
export async function appraiseLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; action: AppraisalAction; score?: number | null; comment?: string | null }) {
  const s = await sheetFor(db, user, k, 'appraiser');
  const { def, na } = await leafDef(db, s, k.code);
  await requireOpenPhase(db, k.campaignId, k.unitId, ['appraisal']);
  await sheetIn(db, s, ['submitted', 'appraised'], { vi: 'thẩm định', en: 'appraise' });
  const before = await currentLeaf(db, k);
  const self = before.selfScore;
  const comment = body.comment?.trim() || null;
  let appraised: number | null;
  let status: AppraisalStatus;
  if (body.action === 'agree') {
    if (self === null) throw invalid(`Tiêu chí ${k.code} chưa có điểm tự đánh giá: hãy nhập điểm thẩm định.`, `Criterion ${k.code} has no self-assessed score: enter an appraised score.`, { field: 'action', code: k.code });
    appraised = self;
    status = 'agreed';
  } else if (body.action === 'score') {
    if (body.score === undefined || body.score === null) throw invalid(`Tiêu chí ${k.code}: thiếu điểm thẩm định.`, `Criterion ${k.code}: the appraised score is missing.`, { field: 'score', code: k.code });
    checkScore(body.score, def);
    if (self === null || body.score < self - EPS) {
      requireComment(comment, def, self === null
        ? { vi: 'đơn vị chưa tự chấm', en: 'the unit gave no score' }
        : { vi: `điểm thẩm định (${fmt(body.score)}) thấp hơn điểm tự đánh giá (${fmt(self)})`, en: `the appraised score (${body.score}) is lower than the self-assessed score (${self})` });
    }
    appraised = body.score;
    status = self !== null && Math.abs(body.score - self) < EPS ? 'agreed' : 'changed';
  } else {
    requireComment(comment, def, { vi: 'yêu cầu bổ sung tài liệu kiểm chứng phải nói cần gì', en: 'a request for more evidence must say what is needed' });
    if (body.score !== undefined && body.score !== null) checkScore(body.score, def);
    appraised = body.score ?? null;
    status = 'more_evidence';
  }
  const after = await updateLeafAtVersion(db, k, k.code, body.version, {
    appraisal_status: status, appraised_score: appraised, appraisal_comment: comment, appraised_at: new Date(), appraised_by: user.id,
  });
  await record(db, user, k, `appraisal_${body.action}`, before, after, { from: before.appraisedScore ?? self, to: appraised, comment });
  const sheetStatus = await markAppraisedWhenDone(db, user, s, na);
  return { ...after, sheetStatus };
}

/** When no applicable leaf of a submitted sheet is left pending, the sheet is `appraised` and its officers are told. */
async function markAppraisedWhenDone(db: Kysely<DB>, user: SessionUser, s: SheetSession, na: ReadonlyMap<string, unknown>): Promise<SheetStatus> {
  const sheet = (await lockSheet(db, s.key))!;
  if (sheet.status !== 'submitted') return sheet.status;
  const leaves = new Map((await listLeaves(db, s.key)).map((l) => [l.code, l]));
  const applicable = selfAssessedLeaves(s.ctx.set).filter((c) => !na.has(c.code));
  if (applicable.some((c) => (leaves.get(c.code)?.appraisalStatus ?? 'pending') === 'pending')) return sheet.status;
  await sheetStep(db, user, s.key, 'sheet_appraised', 'submitted', 'appraised');
  const contested = applicable.filter((c) => { const l = leaves.get(c.code); return l && isContested(l); }).length;
  const campaign = s.ctx.campaign.name;
  const unit = s.ctx.unit.name;
  await notify(db, (await unitOfficers(db, s.key.unitId)).map((o) => ({
    userId: o.id, kind: 'appraisal_available', campaignId: s.key.campaignId, unitId: s.key.unitId,
    message: {
      vi: `${campaign}: đã có kết quả thẩm định của ${unit}${contested ? `; ${contested} tiêu chí bị hạ điểm hoặc cần bổ sung tài liệu, có thể giải trình trong giai đoạn Giải trình` : '; không tiêu chí nào bị hạ điểm'}.`,
      en: `${campaign}: the appraisal of ${unit} is available${contested ? `; ${contested} criteria were lowered or need more evidence and may be answered during the Response phase` : '; no criterion was lowered'}.`,
    },
    dedupeKey: `appraisal_available:${s.key.campaignId}:${s.key.unitId}:${sheet.version}:${o.id}`,
  })));
  return 'appraised';
}

/** Sheet statuses in which the unit may still answer (closing the response is a signal to the appraisers; the phase's end stops answers). */
const RESPONSE_STATUSES: readonly SheetStatus[] = ['appraised', 'responded'];

/** Phase response: the unit's officer answers a lowered / more-evidence leaf. */
export async function respondToLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; text: string }) {
  const s = await sheetFor(db, user, k, 'unit');
  await leafDef(db, s, k.code);
  await requireOpenPhase(db, k.campaignId, k.unitId, ['response']);
  const sheet = await sheetIn(db, s, RESPONSE_STATUSES, { vi: 'giải trình', en: 'respond' });
  const before = await currentLeaf(db, k);
  if (!isContested(before)) {
    throw conflict({ vi: `Tiêu chí ${k.code} không bị hạ điểm hay yêu cầu bổ sung tài liệu: không cần giải trình.`, en: `Criterion ${k.code} was neither lowered nor asked for more evidence: nothing to respond to.` });
  }
  const text = body.text.trim();
  if (!text) throw invalid(`Tiêu chí ${k.code}: nội dung giải trình trống.`, `Criterion ${k.code}: the response is empty.`, { field: 'text', code: k.code });
  const after = await updateLeafAtVersion(db, k, k.code, body.version, { response_text: text, responded_at: new Date(), responded_by: user.id });
  await record(db, user, k, 'response', before, after, { from: before.appraisedScore, to: null, comment: text });
  return { ...after, sheetStatus: sheet.status };
}

/** Phase response: the unit says it has answered everything it will (the sheet becomes `responded`). */
export async function closeResponse(db: Kysely<DB>, user: SessionUser, k: SheetKey) {
  const s = await sheetFor(db, user, k, 'unit');
  await requireOpenPhase(db, k.campaignId, k.unitId, ['response']);
  await sheetIn(db, s, ['appraised'], { vi: 'kết thúc giải trình', en: 'close the response' });
  await sheetStep(db, user, k, 'response_closed', 'appraised', 'responded');
  return { status: 'responded' as SheetStatus };
}

const FINAL_STATUSES: readonly SheetStatus[] = ['appraised', 'responded', 'finalised'];

/** Phase final_appraisal: the appraiser sets a leaf's final score (comment required below self). */
export async function finaliseLeaf(db: Kysely<DB>, user: SessionUser, k: LeafKey, body: { version: number; score: number; comment?: string | null }) {
  const s = await sheetFor(db, user, k, 'appraiser');
  const { def, na } = await leafDef(db, s, k.code);
  await requireOpenPhase(db, k.campaignId, k.unitId, ['final_appraisal']);
  await sheetIn(db, s, FINAL_STATUSES, { vi: 'thẩm định lại', en: 'set final scores' });
  const before = await currentLeaf(db, k);
  const self = before.selfScore;
  const comment = body.comment?.trim() || null;
  checkScore(body.score, def);
  if (self === null || body.score < self - EPS) {
    requireComment(comment, def, self === null
      ? { vi: 'đơn vị chưa tự chấm', en: 'the unit gave no score' }
      : { vi: `điểm cuối cùng (${fmt(body.score)}) thấp hơn điểm tự đánh giá (${fmt(self)})`, en: `the final score (${body.score}) is lower than the self-assessed score (${self})` });
  }
  const after = await updateLeafAtVersion(db, k, k.code, body.version, { final_score: body.score, final_comment: comment, finalised_at: new Date(), finalised_by: user.id });
  await record(db, user, k, 'final', before, after, { from: before.finalScore ?? before.appraisedScore ?? self, to: body.score, comment });
  // once every contested leaf has its final score, the others keep their appraised score and the sheet is finalised
  const leaves = await listLeaves(db, k);
  const open = leaves.filter((l) => !na.has(l.code) && isContested(l) && l.finalScore === null);
  let sheetStatus = (await lockSheet(db, k))!.status;
  if (open.length === 0 && sheetStatus !== 'finalised') sheetStatus = (await fillFinals(db, user, s, na, null)).status;
  const latest = (await listLeaves(db, k)).find((l) => l.code === k.code)!;
  return { ...latest, sheetStatus };
}

/**
 * Leaves without a final score keep their appraised score as final (those the caller may appraise: all for staff);
 * when every applicable leaf then has a final score the sheet is `finalised`. A more-evidence leaf without any score
 * needs an explicit final score (422 listing them).
 */
async function fillFinals(db: Kysely<DB>, user: SessionUser, s: SheetSession, na: ReadonlyMap<string, unknown>, covers: ((code: string) => boolean) | null) {
  const applicable = selfAssessedLeaves(s.ctx.set).filter((c) => !na.has(c.code));
  const leaves = new Map((await listLeaves(db, s.key)).map((l) => [l.code, l]));
  const mine = applicable.filter((c) => !covers || covers(c.code));
  const missing = mine.filter((c) => { const l = leaves.get(c.code); return !l || (l.finalScore === null && l.appraisedScore === null); });
  if (missing.length) {
    const codes = missing.map((c) => c.code).join(', ');
    throw invalid(`Các tiêu chí sau chưa có điểm thẩm định hay điểm cuối cùng: ${codes}.`, `These criteria have neither an appraised nor a final score: ${codes}.`, { missing: missing.map((c) => c.code) }, 422);
  }
  const now = new Date();
  for (const c of mine) {
    const l = leaves.get(c.code)!;
    if (l.finalScore !== null) continue;
    const key = { ...s.key, code: c.code };
    const after = await updateLeafAtVersion(db, s.key, c.code, l.version, { final_score: l.appraisedScore, finalised_at: now, finalised_by: user.id });
    await record(db, user, key, 'final_kept', l, after, { from: l.appraisedScore, to: l.appraisedScore, comment: null });
    leaves.set(c.code, after);
  }
  const remaining = applicable.filter((c) => (leaves.get(c.code)?.finalScore ?? null) === null).length;
  const sheet = (await lockSheet(db, s.key))!;
  if (remaining > 0) return { status: sheet.status, remaining };
  if (sheet.status !== 'finalised') await sheetStep(db, user, s.key, 'sheet_finalised', sheet.status, 'finalised');
  return { status: 'finalised' as SheetStatus, remaining: 0 };
}

/** POST …/finalise: staff finalise the whole sheet; an appraiser the leaves of their fields (the sheet when that completes it). */
export async function finaliseSheet(db: Kysely<DB>, user: SessionUser, k: SheetKey) {
  const s = await sheetFor(db, user, k, 'appraiser');
  await requireOpenPhase(db, k.campaignId, k.unitId, ['final_appraisal']);
  await sheetIn(db, s, FINAL_STATUSES, { vi: 'chốt kết quả thẩm định', en: 'finalise' });
  const na = await notApplicable(db, s.key);
  return fillFinals(db, user, s, na, s.role === 'staff' ? null : s.covers);
}
