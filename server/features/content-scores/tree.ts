import { aggregate, bandFor } from '../../../analytics/src/index';
import type { BandSet, CriteriaSet, NodeScore, ScoreTree } from '../../../analytics/src/types';
import type { ContentScoreRow } from './repository';

/** Stored rows → the engine's inputs: leaf scores (and inner nodes' notes) plus kept published overrides. */
export function rowsToEngineInput(rows: ContentScoreRow[]) {
  const scores = new Map<string, NodeScore>();
  const overrides = new Map<string, number>();
  for (const r of rows) {
    const evidence = r.numerator !== null || r.denominator !== null ? { numerator: r.numerator, denominator: r.denominator } : null;
    scores.set(r.criterion_code, { self: r.self_score, appraised: r.appraised, notApplicable: r.not_applicable, note: r.note, evidence });
    if (r.is_override && r.appraised !== null) overrides.set(r.criterion_code, r.appraised);
  }
  return { scores, overrides };
}

export function scoreTreeFor(set: CriteriaSet, rows: ContentScoreRow[], bandSet: BandSet): { tree: ScoreTree; band: { code: string; label: { vi: string; en: string } } | null } {
  const { scores, overrides } = rowsToEngineInput(rows);
  const tree = aggregate(set, scores, { overrides });
  const band = tree.max > 0 ? bandFor(tree.percent, bandSet) : null;
  return { tree, band: band ? { code: band.code, label: band.label } : null };
}
