// The sociological points (PAR-INDEX.md §1): leadership survey (22) + SIPAS (10) = 32 of the 100.
import type { CriteriaSet, NodeScore } from './types';
import { aggregate } from './aggregate';
import { clean } from './numbers';

export interface SociologicalPoints {
  leadership: { score: number; max: number };
  sipas: { score: number; max: number };
  /** leadership + SIPAS, unrounded (published tables print it to 2 decimals) */
  total: { score: number; max: number };
  /** survey leaves without points */
  missing: string[];
}

/**
 * Leadership (`leadership_survey` leaves) and SIPAS (`sipas` leaves) points of a criteria set from the leaves' points
 * (code → points: leadershipScores' scores, sipasIndices' factor points, or a published table). Aggregated as the
 * index is (PAR-INDEX.md §1): with `applyRounding` (default) SIPAS 8.1 is rounded to 2 decimals as published
 * (Hà Giang 2022: 7.783 → 7.78), the leadership part is not (17.6886).
 */
export function sociologicalPoints(set: CriteriaSet, points: ReadonlyMap<string, number>, options: { applyRounding?: boolean } = {}): SociologicalPoints {
  const survey = set.criteria.filter((c) => c.source === 'leadership_survey' || c.source === 'sipas');
  const scores = new Map<string, NodeScore>();
  const missing: string[] = [];
  for (const c of survey) {
    const p = points.get(c.code);
    if (p === undefined) missing.push(c.code);
    else scores.set(c.code, { appraised: p });
  }
  const tree = aggregate(set, scores, { applyRounding: options.applyRounding ?? true });
  const leadership = tree.parts.leadership_survey;
  const sipas = tree.parts.sipas;
  return {
    leadership,
    sipas,
    total: { score: clean(leadership.score + sipas.score), max: clean(leadership.max + sipas.max) },
    missing,
  };
}
