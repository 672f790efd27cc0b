import type { Kysely } from 'kysely';
import type { AssessmentPhase, DB, SheetStatus } from '../../db/schema';
import { AppError } from '../../errors';
import { editScore } from '../content-scores/edit.service';
import { insertAudit } from '../content-scores/repository';
import { insertEvent, listLeaves, lockSheet, selfAssessedLeaves, updateSheet, type SheetRow } from './assessment-leaf.repository';
import { PHASE_LABELS, requireOpenPhase } from './phases';
import { notifyApproved } from './reminders';
import { loadSheetData, refuseIfApproved, sheetGaps, type SheetSession } from './sheet.service';
import { statusRank } from './sheet-rules';

// Sheet-level steps (DESIGN.md "Workflow rules"): submit (unit side), council approval (staff), per-unit reopen (admin).
// Each runs in the route's transaction with the sheet row locked, writes an assessment_event and the audit log.

const STATUS_LABELS: Record<SheetStatus, { vi: string; en: string }> = {
  draft: { vi: 'đang tự đánh giá', en: 'in self-assessment' },
  submitted: { vi: 'đã nộp, chờ thẩm định', en: 'submitted, awaiting appraisal' },
  appraised: { vi: 'đã thẩm định', en: 'appraised' },
  responded: { vi: 'đã giải trình', en: 'responded' },
  finalised: { vi: 'đã thẩm định lại', en: 'finally appraised' },
  approved: { vi: 'đã phê duyệt', en: 'approved' },
};

const sheetAuditKey = (s: SheetSession) => `${s.key.campaignId}/${s.key.unitId}`;
const sheetSnapshot = (r: SheetRow) => ({
  status: r.status, reopenedPhase: r.reopened_phase, reopenedUntil: r.reopened_until ? new Date(r.reopened_until).toISOString() : null, reopenReason: r.reopen_reason,
});

/** Locks the sheet row and refreshes the session's copy (a concurrent submit / approve waits, then sees the result). */
async function lock(db: Kysely<DB>, s: SheetSession): Promise<SheetRow> {
  const row = await lockSheet(db, s.key);
  if (!row) throw new Error('sheet vanished inside its transaction');
  s.sheet = row;
  return row;
}

/** Submit for appraisal: phase self_assessment, sheet in draft; gaps refuse (422 with details.missing) unless acknowledged. */
export async function submitSheet(db: Kysely<DB>, s: SheetSession, acknowledge: boolean) {
  if (s.role === 'appraiser') throw new AppError(404, 'not_found', { vi: 'Không tìm thấy bảng tự đánh giá.', en: 'Self-assessment sheet not found.' });
  const before = await lock(db, s);
  refuseIfApproved(s);
  await requireOpenPhase(db, s.key.campaignId, s.key.unitId, ['self_assessment']);
  if (before.status !== 'draft') {
    throw new AppError(409, 'conflict', {
      vi: `Bảng tự đánh giá của "${s.ctx.unit.name}" đã nộp (${STATUS_LABELS[before.status].vi}).`,
      en: `The self-assessment of "${s.ctx.unit.name}" has already been submitted (${STATUS_LABELS[before.status].en}).`,
    });
  }
  const gaps = sheetGaps(s, await loadSheetData(db, s));
  if (gaps.length && !acknowledge) {
    throw new AppError(422, 'validation', {
      vi: `Chưa thể nộp: còn ${gaps.length} điểm thiếu. ${gaps.slice(0, 5).map((g) => g.message.vi).join(' ')}${gaps.length > 5 ? ' …' : ''} Bổ sung, hoặc xác nhận nộp khi còn thiếu.`,
      en: `Cannot submit yet: ${gaps.length} gap(s) remain. ${gaps.slice(0, 5).map((g) => g.message.en).join(' ')}${gaps.length > 5 ? ' …' : ''} Complete them, or confirm submitting with gaps.`,
    }, { missing: gaps });
  }
  const after = await updateSheet(db, s.key, {
    status: 'submitted', submitted_at: new Date(), submitted_by: s.user.id,
    acknowledged_gaps: gaps.length ? JSON.stringify(gaps) : null,
    // a reopened self-assessment is closed again by the submission
    ...(before.reopened_phase === 'self_assessment' && { reopened_phase: null, reopened_until: null, reopen_reason: null }),
  });
  await insertEvent(db, s.key, { criterionCode: null, userId: s.user.id, kind: 'submit', comment: gaps.length ? `acknowledged ${gaps.length} gap(s)` : null });
  await insertAudit(db, [{ user_id: s.user.id, action: 'submit', entity: 'assessment_sheet', entity_key: sheetAuditKey(s), old_value: sheetSnapshot(before),
    new_value: { ...sheetSnapshot(after), acknowledgedGaps: gaps.map((g) => `${g.code}:${g.kind}`) } }]);
  return { status: after.status, version: after.version, acknowledged: gaps };
}

/**
 * The status a sheet must have reached before the council approves it: the step after the last appraisal phase the
 * campaign has — `finalised` with a final appraisal phase; else `appraised` (or `responded`) with an appraisal phase;
 * else `submitted`. A campaign with a response phase but no final appraisal approves appraised / responded sheets.
 */
export function statusNeededForApproval(phases: readonly AssessmentPhase[]): SheetStatus {
  if (phases.includes('final_appraisal')) return 'finalised';
  if (phases.includes('appraisal')) return 'appraised';
  return 'submitted';
}

/**
 * Council approval: phase approval; copies per leaf self → content_score.self_score and final ?? appraised ?? self →
 * content_score.appraised through the audited score edit; locks the sheet (status approved).
 */
export async function approveSheet(db: Kysely<DB>, s: SheetSession) {
  const before = await lock(db, s);
  refuseIfApproved(s);
  await requireOpenPhase(db, s.key.campaignId, s.key.unitId, ['approval']);
  const needed = statusNeededForApproval(s.windows.map((w) => w.phase));
  if (statusRank(before.status) < statusRank(needed)) {
    throw new AppError(409, 'conflict', {
      vi: `Chưa thể phê duyệt "${s.ctx.unit.name}": bảng đang ở trạng thái "${STATUS_LABELS[before.status].vi}", cần "${STATUS_LABELS[needed].vi}".`,
      en: `"${s.ctx.unit.name}" cannot be approved yet: the sheet is ${STATUS_LABELS[before.status].en}; it must be ${STATUS_LABELS[needed].en}.`,
    }, { status: before.status, needed });
  }
  const data = await loadSheetData(db, s);
  const leaves = new Map((await listLeaves(db, s.key)).map((l) => [l.code, l]));
  let written = 0;
  for (const def of selfAssessedLeaves(s.ctx.set)) {
    const leaf = leaves.get(def.code);
    if (!leaf || data.notApplicable.has(def.code)) continue;
    await editScore(db, s.ctx, s.user.id, def.code, { self: leaf.selfScore, appraised: leaf.finalScore ?? leaf.appraisedScore ?? leaf.selfScore });
    written += 1;
  }
  const after = await updateSheet(db, s.key, { status: 'approved', approved_at: new Date(), approved_by: s.user.id, reopened_phase: null, reopened_until: null, reopen_reason: null });
  await insertEvent(db, s.key, { criterionCode: null, userId: s.user.id, kind: 'approve' });
  await insertAudit(db, [{ user_id: s.user.id, action: 'approve', entity: 'assessment_sheet', entity_key: sheetAuditKey(s), old_value: sheetSnapshot(before), new_value: sheetSnapshot(after) }]);
  // the unit's officers hear it now (the clock's pass would send the same notice once, deduplicated)
  await notifyApproved(db, new Date(), s.key);
  return { status: after.status, version: after.version, leavesWritten: written };
}

/** The status a reopened phase starts from: reopening moves the sheet back to it (never forward). */
const REOPEN_STATUS: Partial<Record<AssessmentPhase, SheetStatus>> = {
  self_assessment: 'draft', appraisal: 'submitted', response: 'appraised', final_appraisal: 'responded',
};

/** An admin reopens one phase for this unit until a date, with a reason (audited). Approved sheets stay locked. */
export async function reopenSheet(db: Kysely<DB>, s: SheetSession, input: { phase: AssessmentPhase; until: string; reason: string }) {
  const before = await lock(db, s);
  refuseIfApproved(s);
  const target = REOPEN_STATUS[input.phase];
  if (!target) {
    throw new AppError(400, 'validation', {
      vi: `Trường phase: chỉ mở lại được các giai đoạn Tự đánh giá, Thẩm định, Giải trình, Thẩm định lại (không phải "${PHASE_LABELS[input.phase].vi}").`,
      en: `Field phase: only self-assessment, appraisal, response and final appraisal can be reopened (not "${PHASE_LABELS[input.phase].en}").`,
    });
  }
  const until = new Date(input.until);
  if (!(until.getTime() > Date.now())) {
    throw new AppError(400, 'validation', { vi: 'Trường until: hạn mở lại phải ở tương lai.', en: 'Field until: the reopen deadline must be in the future.' });
  }
  const status = statusRank(before.status) > statusRank(target) ? target : before.status;
  const after = await updateSheet(db, s.key, { status, reopened_phase: input.phase, reopened_until: until, reopen_reason: input.reason });
  await insertEvent(db, s.key, { criterionCode: null, userId: s.user.id, kind: 'reopen', comment: `${input.phase} → ${until.toISOString()}: ${input.reason}` });
  await insertAudit(db, [{ user_id: s.user.id, action: 'reopen', entity: 'assessment_sheet', entity_key: sheetAuditKey(s), old_value: sheetSnapshot(before), new_value: sheetSnapshot(after) }]);
  return { status: after.status, version: after.version, reopened: { phase: input.phase, until: until.toISOString(), reason: input.reason } };
}
