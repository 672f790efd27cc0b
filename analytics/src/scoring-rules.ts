// Content criteria: how evidence numbers become points (PAR-INDEX.md §2; rule shapes in types.ts `ScoringRule`).
import type { ScoringRule } from './types';
import { roundTo } from './numbers';

export interface Evidence {
  numerator?: number | null;
  denominator?: number | null;
}

export type RuleResult = { points: number } | { error: { vi: string; en: string } };

/** Published leaves have 4 decimals (PAR-INDEX.md §1). */
const DECIMALS = 4;

const fail = (vi: string, en: string): RuleResult => ({ error: { vi, en } });
const ok = (points: number): RuleResult => ({ points: roundTo(points, DECIMALS) });

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** numerator / denominator, capped to [0, 1]; or an error when the numbers cannot make a ratio. */
function ratioOf(e: Evidence): number | { error: { vi: string; en: string } } {
  if (!isNumber(e.numerator) || !isNumber(e.denominator)) {
    return { error: { vi: 'Thiếu tử số hoặc mẫu số.', en: 'The numerator or the denominator is missing.' } };
  }
  if (e.numerator < 0 || e.denominator < 0) return { error: { vi: 'Tử số và mẫu số không được âm.', en: 'The numerator and the denominator must not be negative.' } };
  if (e.denominator === 0) return { error: { vi: 'Mẫu số bằng 0.', en: 'The denominator is 0.' } };
  return Math.min(1, e.numerator / e.denominator);
}

/**
 * Points of a content leaf from its evidence, rounded to 4 decimals:
 * - ratio: max × ratio (3.4.1, 1.1, 7.1.4)
 * - base_plus_ratio: base + (max − base) × ratio (3.2.3)
 * - ratio_to_target: max × min(1, ratio / target) (4.1.3)
 * - rank_bands: the points of the band containing the rank given as numerator (8.4)
 * - threshold: below the threshold → `below` (default 0), else max × ratio (8.5)
 * - manual: no computation; the appraisal council enters the points.
 */
export function applyRule(rule: ScoringRule, max: number, evidence: Evidence): RuleResult {
  switch (rule.kind) {
    case 'manual':
      return fail('Tiêu chí chấm thủ công: nhập điểm trực tiếp.', 'Manual criterion: enter the points directly.');
    case 'rank_bands': {
      const rank = evidence.numerator;
      if (!isNumber(rank)) return fail('Thiếu thứ hạng.', 'The rank is missing.');
      if (rank < 1 || !Number.isInteger(rank)) return fail(`Thứ hạng ${rank} không hợp lệ (số nguyên từ 1).`, `Rank ${rank} is not valid (a whole number from 1).`);
      const band = rule.bands.find((b) => rank >= b.fromRank && rank <= b.toRank);
      if (!band) return fail(`Thứ hạng ${rank} không thuộc khung xếp hạng nào.`, `Rank ${rank} is in no rank band.`);
      return ok(band.points);
    }
    default: {
      const ratio = ratioOf(evidence);
      if (typeof ratio !== 'number') return ratio;
      if (rule.kind === 'ratio') return ok(max * ratio);
      if (rule.kind === 'base_plus_ratio') return ok(rule.base + (max - rule.base) * ratio);
      if (rule.kind === 'ratio_to_target') return ok(max * Math.min(1, ratio / rule.target));
      return ok(ratio < rule.threshold ? (rule.below ?? 0) : max * ratio);
    }
  }
}
