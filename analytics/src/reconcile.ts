// Which stated inner-node scores of a published table to keep as overrides so the total matches the table's.
// Rationale: the official total is computed from the stated criterion rows, not from the leaves
// (PAR-INDEX.md §7: Hà Giang 2022 total 84.4089 uses 1.3 = 2.00 although its sub-criteria sum to 1.98).
import type { CriteriaSet, ParsedTable } from './types';
import { aggregate } from './aggregate';
import { isLeaf } from './criteria-index';
import { tableStructure } from './table-structure';
import { tableToScores } from './table-scores';
import { SUM_TOLERANCE, statedVsChildren } from './table-validate';

/** A total "equals" the stated one within this (published totals have 4 decimals). */
export const TOTAL_TOLERANCE = 0.00005;
/** At most 2^12 subsets are tried. */
export const MAX_CANDIDATES = 12;

export interface OverrideCandidate {
  code: string;
  stated: number;
  computed: number;
}

export interface Reconciliation {
  candidates: OverrideCandidate[];
  chosen: string[];
  statedTotal: number | null;
  /** total with the chosen overrides and the published rounding (def.round) */
  totalWithChosen: number;
  /** plain sum of the leaves: no override, no rounding */
  totalFromLeaves: number;
}

/** Subsets of 0..n-1, smallest first: [], [0], [1], …, [0,1], … */
function subsetsBySize(n: number): number[][] {
  const all: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) all.push([...Array(n).keys()].filter((i) => mask & (1 << i)));
  return all.sort((a, b) => a.length - b.length); // stable: same size keeps mask order
}

/**
 * Candidates: inner nodes whose stated appraised score differs from their child rows' sum by more than 0.005.
 * Chosen: the smallest subset (of the first 12 candidates) whose aggregated total equals the stated TOTAL
 * within 0.00005; none when no subset does or the table states no total.
 */
export function reconcileOverrides(set: CriteriaSet, table: ParsedTable): Reconciliation {
  const st = tableStructure(table.rows, set);
  const candidates: OverrideCandidate[] = [];
  for (const [code, r] of st.first) {
    if (code === 'TOTAL' || !st.index.byCode.has(code) || isLeaf(st.index, code)) continue;
    const s = statedVsChildren(st, r, 'appraised');
    if (s !== null && Math.abs(s.stated - s.children) > SUM_TOLERANCE) candidates.push({ code, stated: s.stated, computed: s.children });
  }
  const { scores, stated } = tableToScores(table, set);
  const statedTotal = stated.get('TOTAL')?.appraised ?? null;
  const totalWith = (codes: string[]): number =>
    aggregate(set, scores, { overrides: new Map(candidates.filter((c) => codes.includes(c.code)).map((c) => [c.code, c.stated])) }).total;
  let chosen: string[] = [];
  if (statedTotal !== null) {
    const pool = candidates.slice(0, MAX_CANDIDATES);
    for (const subset of subsetsBySize(pool.length)) {
      const codes = subset.map((i) => (pool[i] as OverrideCandidate).code);
      if (Math.abs(totalWith(codes) - statedTotal) <= TOTAL_TOLERANCE) {
        chosen = codes;
        break;
      }
    }
  }
  return {
    candidates,
    chosen,
    statedTotal,
    totalWithChosen: totalWith(chosen),
    totalFromLeaves: aggregate(set, scores, { applyRounding: false }).total,
  };
}
