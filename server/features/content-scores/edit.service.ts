import type { Kysely } from 'kysely';
import { applyRule } from '../../../analytics/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { ScoreContext } from './context';
import { auditKey, snapshot } from './audit';
import { deleteScores, insertAudit, listScores, upsertScore } from './repository';

export interface ScoreEdit {
  appraised?: number | null;
  self?: number | null;
  notApplicable?: boolean;
  /** why the criterion does not apply to the unit (kept with notApplicable; cleared when it applies again) */
  notApplicableReason?: string | null;
  note?: string | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** a number in Vietnamese format (decimal comma) */
const vi = (x: number) => String(x).replace('.', ',');

/** The fields as the score dialog labels them (web/locales scores.fields, scores.form), never the API's names. */
const FIELD_LABELS = {
  appraised: { vi: 'Thẩm định', en: 'Appraised' },
  self: { vi: 'Tự đánh giá', en: 'Self-assessed' },
  evidence: { vi: 'Tử số, Mẫu số', en: 'Numerator, Denominator' },
  rank: { vi: 'Thứ hạng', en: 'Rank' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
} as const;

const invalid = (field: keyof typeof FIELD_LABELS, vi: string, en: string) =>
  new AppError(400, 'validation', { vi: `Ô “${FIELD_LABELS[field].vi}”: ${vi}`, en: `“${FIELD_LABELS[field].en}”: ${en}` }, { field });

/**
 * Changes one criterion's score. A leaf takes self / appraised / evidence / not-applicable / note; when the
 * leaf has a scoring rule and evidence numbers are given without an appraised score, the rule computes it.
 * An inner node takes only an override of its appraised score (null removes it) and a note.
 */
export async function editScore(db: Kysely<DB>, ctx: ScoreContext, userId: string, code: string, edit: ScoreEdit) {
  const def = ctx.set.criteria.find((c) => c.code === code);
  if (!def) throw notFound({ vi: `tiêu chí ${code} trong bộ ${ctx.set.code}`, en: `Criterion ${code} in set ${ctx.set.code}` });
  const isLeaf = def.source !== null;
  const rows = await listScores(db, ctx.campaign.id, ctx.unit.id);
  const before = rows.find((r) => r.criterion_code === code);
  const next = {
    campaign_id: ctx.campaign.id,
    unit_id: ctx.unit.id,
    criterion_code: code,
    self_score: before?.self_score ?? null,
    appraised: before?.appraised ?? null,
    numerator: before?.numerator ?? null,
    denominator: before?.denominator ?? null,
    not_applicable: before?.not_applicable ?? false,
    not_applicable_reason: before?.not_applicable_reason ?? null,
    is_override: before?.is_override ?? false,
    note: before?.note ?? null,
  };
  if (edit.note !== undefined) next.note = edit.note;

  if (!isLeaf) {
    if (edit.self !== undefined || edit.notApplicable !== undefined || edit.notApplicableReason !== undefined || edit.numerator !== undefined || edit.denominator !== undefined) {
      throw invalid('criterion', `${code} là tiêu chí có tiêu chí thành phần; chỉ có thể giữ điểm công bố (appraised) và ghi chú.`,
        `${code} has sub-criteria; only a published score override (appraised) and a note can be set.`);
    }
    if (edit.appraised !== undefined) {
      next.appraised = edit.appraised;
      next.is_override = edit.appraised !== null;
    }
  } else {
    if (edit.self !== undefined) next.self_score = edit.self;
    if (edit.notApplicable !== undefined) next.not_applicable = edit.notApplicable;
    if (edit.notApplicableReason !== undefined) next.not_applicable_reason = edit.notApplicableReason;
    if (!next.not_applicable) next.not_applicable_reason = null;
    if (edit.numerator !== undefined) next.numerator = edit.numerator;
    if (edit.denominator !== undefined) next.denominator = edit.denominator;
    if (edit.appraised !== undefined) next.appraised = edit.appraised;
    const evidenceGiven = edit.numerator !== undefined || edit.denominator !== undefined;
    if (evidenceGiven && edit.appraised === undefined && def.rule && def.rule.kind !== 'manual') {
      const result = applyRule(def.rule, def.maxPoints, { numerator: next.numerator, denominator: next.denominator });
      if ('error' in result) throw invalid(def.rule.kind === 'rank_bands' ? 'rank' : 'evidence', result.error.vi, result.error.en);
      next.appraised = result.points;
    }
  }
  for (const [field, value] of [['appraised', next.appraised], ['self', next.self_score]] as const) {
    if (value === null) continue;
    if (value < 0) throw invalid(field, `điểm ${vi(value)} âm.`, `score ${value} is negative.`);
    if (value > def.maxPoints + 1e-9) {
      throw invalid(field, `điểm ${vi(value)} vượt điểm tối đa ${vi(def.maxPoints)} của ${code}.`, `score ${value} exceeds the maximum ${def.maxPoints} of ${code}.`);
    }
  }

  const empty = next.self_score === null && next.appraised === null && next.numerator === null && next.denominator === null && !next.not_applicable && !next.note;
  if (empty) await deleteScores(db, ctx.campaign.id, ctx.unit.id, [code]);
  else await upsertScore(db, { ...next, updated_by: userId });
  const after = empty ? null : snapshot(next);
  if (JSON.stringify(snapshot(before)) !== JSON.stringify(after)) {
    await insertAudit(db, [{ user_id: userId, action: 'edit', entity: 'content_score', entity_key: auditKey(ctx, code), old_value: snapshot(before), new_value: after }]);
  }
}
