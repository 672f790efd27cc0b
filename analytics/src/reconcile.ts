// Which stated inner-node scores of a published table to keep as overrides so the total matches the table's.
// Rationale: the official total is computed from the stated criterion rows, not from the leaves
// (PAR-INDEX.md §7: Hà Giang 2022 total 84.4089 uses 1.3 = 2.00 although its sub-criteria sum to 1.98).
import type { CriteriaSet, ParsedTable } from './types';
import { aggregate } from './aggregate';
import { isLeaf } from './criteria-index';
import { tableStructure } from './table-structure';
import { tableToScores } from './table-scores';
import { SUM_TOLERANCE, statedVsChildren } from './table-validate';
import { printedDecimals, detectTableRounding } from './publication-rounding';
import { roundTo } from './numbers';

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
 * Does a printed value differ from what the set's rounding makes of its children's sum, at the printed precision?
 * (2023 table with a rule rounding 8.1 to 2 decimals: printed 7.6256, the rule gives 7.63.)
 */
function ruleMisses(round: number | null | undefined, stated: number, children: number, raw: string): boolean {
  if (round === undefined || round === null) return false;
  const printed = printedDecimals(raw) ?? 4;
  return Math.abs(roundTo(roundTo(children, round), printed) - stated) > 1e-9;
}

/**
 * Candidates: inner nodes whose stated appraised score differs from their child rows' sum by more than 0.005
 * (table-validate SUM_TOLERANCE), or from what the set's rounding of that node makes of the sum (PAR-INDEX.md §1:
 * rounding is the publication's; a rule that rounds 8.1 to 2 decimals against a table printing 7.6256 misses it).
 * Chosen: the smallest subset (of the first 12 candidates) whose aggregated total reproduces the stated TOTAL:
 * within 0.00005 when the total row is printed as precisely as its field rows; when it is printed rounded coarser
 * than them (88,01 beside 4-decimal fields; publication-rounding totalRounding), first the field rows' exact sum it
 * was rounded from, else the printed total at its own decimals. None when no subset does or there is no total row.
 */
export function reconcileOverrides(set: CriteriaSet, table: ParsedTable): Reconciliation {
  const st = tableStructure(table.rows, set);
  const candidates: OverrideCandidate[] = [];
  for (const [code, r] of st.first) {
    if (code === 'TOTAL' || !st.index.byCode.has(code) || isLeaf(st.index, code)) continue;
    const s = statedVsChildren(st, r, 'appraised');
    if (s === null) continue;
    const round = st.index.byCode.get(code)?.round;
    if (Math.abs(s.stated - s.children) > SUM_TOLERANCE) candidates.push({ code, stated: s.stated, computed: s.children });
    // computed = what the rounding makes of the sum (7.63 against the printed 7.6256)
    else if (ruleMisses(round, s.stated, s.children, r.appraised.raw)) candidates.push({ code, stated: s.stated, computed: roundTo(s.children, round as number) });
  }
  const { scores, stated } = tableToScores(table, set);
  const statedTotal = stated.get('TOTAL')?.appraised ?? null;
  const totalWith = (codes: string[]): number =>
    aggregate(set, scores, { overrides: new Map(candidates.filter((c) => codes.includes(c.code)).map((c) => [c.code, c.stated])) }).total;
  let chosen: string[] = [];
  if (statedTotal !== null) {
    const printedTotal = detectTableRounding(set, table).total;
    const targets: ((total: number) => boolean)[] = [];
    if (printedTotal?.rounded && printedTotal.fieldsSum !== null) {
      const exact = printedTotal.fieldsSum;
      targets.push((total) => Math.abs(total - exact) <= TOTAL_TOLERANCE);
      targets.push((total) => Math.abs(roundTo(total, printedTotal.decimals) - statedTotal) < 1e-9);
    } else targets.push((total) => Math.abs(total - statedTotal) <= TOTAL_TOLERANCE);
    const pool = candidates.slice(0, MAX_CANDIDATES);
    const subsets = subsetsBySize(pool.length).map((subset) => subset.map((i) => (pool[i] as OverrideCandidate).code));
    const totals = new Map<number, number>();
    const totalOf = (k: number): number => totals.get(k) ?? (totals.set(k, totalWith(subsets[k] as string[])), totals.get(k) as number);
    search: for (const reproduces of targets) {
      for (let k = 0; k < subsets.length; k++) {
        if (reproduces(totalOf(k))) {
          chosen = subsets[k] as string[];
          break search;
        }
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
