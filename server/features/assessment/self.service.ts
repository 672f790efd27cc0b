import type { Kysely } from 'kysely';
import { applyRule } from '../../../analytics/src/index';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { insertAudit } from '../content-scores/repository';
import { findLeaf, insertEvent, updateLeafAtVersion, type LeafState } from './assessment-leaf.repository';
import { requireOpenPhase } from './phases';
import { loadSheetData, leafView, refuseIfApproved, requireLeafDef, type SheetSession } from './sheet.service';

export interface SelfEdit {
  version: number;
  score?: number | null;
  inputs?: Record<string, number | null> | null;
  explanation?: string | null;
}

const invalid = (field: string, code: string, vi: string, en: string) =>
  new AppError(400, 'validation', { vi: `Tiêu chí ${code}, trường ${field}: ${vi}`, en: `Criterion ${code}, field ${field}: ${en}` });
const viNum = (x: number) => String(x).replace('.', ',');

/** The audit key of a leaf: campaign/unit/code (like content_score's). */
export const leafAuditKey = (s: SheetSession, code: string) => `${s.key.campaignId}/${s.key.unitId}/${code}`;
const selfSnapshot = (l: LeafState) => ({ self: l.selfScore, inputs: l.selfInputs, explanation: l.explanation });

/**
 * A unit's self-assessment of one leaf (DESIGN.md): the unit side (officer of the unit, or staff), phase
 * self_assessment open (or reopened for the unit), sheet in draft, the version the caller read. A rule leaf takes the
 * evidence figures and the server computes the points with the set's rule; other leaves take the score, within
 * [0, max]. Not-applicable leaves take nothing. Writes the leaf, its history and the audit log (the caller's transaction).
 */
export async function editSelf(db: Kysely<DB>, s: SheetSession, code: string, edit: SelfEdit) {
  const def = requireLeafDef(s, code);
  if (s.role === 'appraiser') throw new AppError(404, 'not_found', { vi: `Không tìm thấy tiêu chí ${code}.`, en: `Criterion ${code} not found.` });
  refuseIfApproved(s);
  await requireOpenPhase(db, s.key.campaignId, s.key.unitId, ['self_assessment']);
  if (s.sheet.status !== 'draft') {
    throw new AppError(409, 'conflict', {
      vi: `Bảng tự đánh giá của "${s.ctx.unit.name}" đã nộp để thẩm định; không thể sửa điểm tự chấm (quản trị viên có thể mở lại cho đơn vị).`,
      en: `The self-assessment of "${s.ctx.unit.name}" has been submitted for appraisal; self scores can no longer be changed (an admin can reopen it for the unit).`,
    });
  }
  const data = await loadSheetData(db, s);
  if (data.notApplicable.has(code)) {
    throw invalid('score', code, `tiêu chí không áp dụng cho đơn vị này${data.notApplicable.get(code) ? ` (${data.notApplicable.get(code)})` : ''}; không chấm điểm.`,
      `the criterion does not apply to this unit${data.notApplicable.get(code) ? ` (${data.notApplicable.get(code)})` : ''}; it takes no score.`);
  }
  const before = await findLeaf(db, s.key, code);
  if (!before) throw new AppError(404, 'not_found', { vi: `Không tìm thấy tiêu chí ${code}.`, en: `Criterion ${code} not found.` });

  let score = before.selfScore;
  let inputs = before.selfInputs;
  const rule = def.rule && def.rule.kind !== 'manual' ? def.rule : null;
  if (rule) {
    if (edit.score !== undefined && edit.score !== null) {
      throw invalid('score', code, 'điểm được tính từ số liệu kiểm chứng (inputs: tử số, mẫu số…), không nhập trực tiếp.',
        'the points are computed from the evidence figures (inputs: numerator, denominator …), not entered directly.');
    }
    if (edit.inputs === null || edit.score === null) {
      score = null;
      inputs = null;
    } else if (edit.inputs !== undefined) {
      const result = applyRule(rule, def.maxPoints, { numerator: edit.inputs.numerator ?? null, denominator: edit.inputs.denominator ?? null });
      if ('error' in result) throw invalid('inputs', code, result.error.vi, result.error.en);
      score = result.points;
      inputs = edit.inputs;
    }
  } else {
    if (edit.inputs !== undefined && edit.inputs !== null) {
      throw invalid('inputs', code, 'tiêu chí này chấm điểm trực tiếp (score), không có công thức tính từ số liệu.',
        'this criterion takes the score directly (score); it has no rule computing points from figures.');
    }
    if (edit.score !== undefined) score = edit.score;
  }
  if (score !== null && (score < 0 || score > def.maxPoints + 1e-9)) {
    throw invalid('score', code, `điểm ${viNum(score)} nằm ngoài khoảng 0–${viNum(def.maxPoints)}.`, `score ${score} is outside 0–${def.maxPoints}.`);
  }
  const explanation = edit.explanation === undefined ? before.explanation : (edit.explanation?.trim() || null);

  const after = await updateLeafAtVersion(db, s.key, code, edit.version, {
    self_score: score,
    self_inputs: inputs === null ? null : JSON.stringify(inputs),
    explanation,
    self_updated_at: new Date(),
    self_updated_by: s.user.id,
  });
  if (JSON.stringify(selfSnapshot(before)) !== JSON.stringify(selfSnapshot(after))) {
    await insertEvent(db, s.key, {
      criterionCode: code, userId: s.user.id, kind: 'self', from: before.selfScore, to: after.selfScore,
      comment: after.explanation !== before.explanation ? after.explanation : null,
    });
    await insertAudit(db, [{ user_id: s.user.id, action: 'self_assessment', entity: 'assessment_leaf', entity_key: leafAuditKey(s, code),
      old_value: selfSnapshot(before), new_value: selfSnapshot(after) }]);
  }
  data.leaves.set(code, after);
  return { code, ...leafView(s, data, def, after) };
}
