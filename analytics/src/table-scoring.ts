// Scores a published table with the analyst's choices — which printed parent scores to keep and how the publication
// rounds — the one function the CLI (`par score`) and the API's import (preview and commit) share, so the same table
// and the same choices give the same figures on both (issue 12 point 13).
import type { CriteriaSet, NodeScore, ParsedTable, ScoreTree } from './types';
import { aggregate } from './aggregate';
import { reconcileOverrides, type Reconciliation } from './reconcile';
import { tableToScores } from './table-scores';
import { detectTableRounding, roundingOf, withRounding, type RoundingMap, type TableRounding } from './publication-rounding';

export interface TableChoices {
  /** the printed parent scores kept instead of their children's sum; 'proposed' = the reconciliation's choice */
  keepStated: readonly string[] | 'proposed';
  /**
   * how the publication rounds its parents: 'detected' = read from the table (publication-rounding), over the
   * set's current rounding; a map = the analyst's choice over it (code → decimals, null = not rounded)
   */
  rounding: RoundingMap | 'detected';
}

export interface TableScoring {
  /** the set with the chosen rounding applied: what the tree was aggregated with */
  set: CriteriaSet;
  /** the rounding changes against the set given (code → decimals or null), the ones the choice made */
  rounding: RoundingMap;
  detection: TableRounding;
  /** the kept-score proposal, computed with the chosen rounding */
  reconciliation: Reconciliation;
  kept: string[];
  scores: Map<string, NodeScore>;
  overrides: Map<string, number>;
  tree: ScoreTree;
}

/** The entries of `wanted` that change the set's rounding. */
function changes(set: CriteriaSet, wanted: RoundingMap): RoundingMap {
  const current = roundingOf(set);
  const codes = new Set(set.criteria.map((c) => c.code));
  const out: RoundingMap = {};
  for (const [code, decimals] of Object.entries(wanted)) {
    if (codes.has(code) && (current[code] ?? null) !== decimals) out[code] = decimals;
  }
  return out;
}

/**
 * The table's leaves, the kept parents' printed scores and the chosen rounding, aggregated (PAR-INDEX.md §1: parent =
 * sum of children, rounded where the publication rounds; a kept parent counts with its printed score). `set` carries
 * the rounding in force (criteria set default, then the campaign's). Kept codes must be reconciliation candidates.
 */
export function scoreTable(set: CriteriaSet, table: ParsedTable, choices: TableChoices): TableScoring {
  const detection = detectTableRounding(set, table);
  const rounding = changes(set, choices.rounding === 'detected' ? detection.detected : choices.rounding);
  const rounded = withRounding(set, rounding);
  const reconciliation = reconcileOverrides(rounded, table);
  const kept = choices.keepStated === 'proposed' ? reconciliation.chosen : [...choices.keepStated];
  const unknown = kept.filter((code) => !reconciliation.candidates.some((c) => c.code === code));
  if (unknown.length > 0) throw new KeepStatedError(unknown);
  const { scores } = tableToScores(table, rounded);
  const overrides = new Map(reconciliation.candidates.filter((c) => kept.includes(c.code)).map((c) => [c.code, c.stated]));
  const tree = aggregate(rounded, scores, { overrides });
  return { set: rounded, rounding, detection, reconciliation, kept, scores, overrides, tree };
}

/** Kept codes that are not candidates: their printed score does not differ from what their children give. */
export class KeepStatedError extends Error {
  constructor(readonly codes: string[]) {
    super(`keepStated: ${codes.join(', ')} has no printed score that differs from its children's sum`);
  }
}
