// How a publication rounds its aggregated scores, read from the table itself (PAR-INDEX.md §1: "how a publication
// rounds its parents is a property of that publication, not of the year … Detect it from the table, never assume
// it"). Hà Giang 2022 prints SIPAS 8.1 as 7.78 where its children sum to 7.783 and adds 7.78 into field 8; another
// province's 2023 table prints 8.1 with 4 decimals (7.6256, its children's exact sum) and only its TỔNG ĐIỂM row
// rounded (88,01).
import type { CriteriaSet, ParsedTable, TableRow } from './types';
import { roundTo, sum } from './numbers';
import { stripHtml } from './text';
import { isLeaf } from './criteria-index';
import { childSum, tableStructure, type TableStructure } from './table-structure';
import { SUM_TOLERANCE } from './table-validate';

/** inner code → decimals its sum is rounded to before it is added upward; null = not rounded */
export type RoundingMap = Record<string, number | null>;

/** Differences below this are binary noise (sums are cleaned to 9 decimals). */
const SAME = 1e-7;

/** How many decimals a printed number cell has: "7,6256" → 4, "7.78" → 2, "2" → 0; null for an empty cell. */
export function printedDecimals(raw: string): number | null {
  const s = stripHtml(raw).replace(/[\s\u00a0]+/g, '');
  if (s === '') return null;
  return /[.,](\d+)$/.exec(s)?.[1]?.length ?? 0;
}

/** Decimals a computed number needs (up to 9): 7.783 → 3, 7.6256 → 4, 2 → 0. */
function neededDecimals(x: number): number {
  for (let d = 0; d < 9; d++) if (Math.abs(roundTo(x, d) - x) < 1e-9) return d;
  return 9;
}

export interface RoundingEvidence {
  code: string;
  /** line of the node's row */
  row: number;
  /** the node's printed value and its decimals */
  stated: number;
  decimals: number;
  /** its child rows' sum */
  children: number;
  /**
   * `rounded`: printed as the children's sum rounded to `decimals`, and the parent row adds the rounded value
   *   (Hà Giang 2022, 8.1: 7.783 → 7.78, field 8 = 12.2488 with 7.78) — the publication rounds this node;
   * `print_only`: printed rounded, but the parent row adds the unrounded sum — rounding of the print only;
   * `exact`: printed as the children's exact sum, which has more decimals than some rounding would keep
   *   (2023: 8.1 = 7.6256) — the publication does not round this node.
   */
  verdict: 'rounded' | 'print_only' | 'exact';
}

export interface TableRounding {
  /** nodes the table shows evidence for (first rows, table order) */
  evidence: RoundingEvidence[];
  /** code → decimals (or null) the evidence supports: `rounded` → decimals, `print_only` and `exact` → null */
  detected: RoundingMap;
  /** the TỔNG ĐIỂM row: its printed decimals, and whether it is rounded coarser than the field rows it sums */
  total: { stated: number; decimals: number; rounded: boolean; fieldsSum: number | null } | null;
}

/** The parent row's stated value against its child rows' sum, with one child's printed value replaced. */
function parentAdds(st: TableStructure, parent: TableRow | undefined, child: TableRow, childValue: number): boolean | null {
  const kids = parent ? st.childRows.get(parent.code) : undefined;
  if (!parent || !kids || parent.appraised.value === null || kids.some((k) => k.appraised.invalid)) return null;
  const others = childSum(kids.filter((k) => k !== child), 'appraised') ?? 0;
  return Math.abs(parent.appraised.value - sum([others, childValue])) < SAME;
}

/**
 * Reads the rounding of a published table's inner nodes from its printed numbers (appraised column):
 * a node printed with d decimals whose value is its children's sum rounded to d (within the validator's rounding
 * tolerance, table-validate SUM_TOLERANCE) is `rounded` when its parent row adds the printed (rounded) value, and
 * `print_only` when the parent adds the unrounded sum; a node printed as its children's exact sum is `exact`.
 * The total row is compared with the field rows: rounded when it has fewer decimals than most field rows and equals
 * their sum rounded to its decimals.
 */
export function detectTableRounding(set: CriteriaSet, table: ParsedTable): TableRounding {
  const st = tableStructure(table.rows, set);
  const evidence: RoundingEvidence[] = [];
  for (const [code, r] of st.first) {
    if (code === 'TOTAL' || code === '' || !st.index.byCode.has(code) || isLeaf(st.index, code)) continue;
    const kids = st.childRows.get(code);
    const stated = r.appraised.value;
    const decimals = printedDecimals(r.appraised.raw);
    if (!kids?.length || stated === null || decimals === null || kids.some((k) => k.appraised.invalid)) continue;
    const children = childSum(kids, 'appraised');
    if (children === null) continue;
    const base = { code, row: r.row, stated, decimals, children };
    if (Math.abs(stated - children) < SAME) {
      // exact: evidence only when the sum has digits a 2-decimal rounding (the habit of PAR-INDEX.md §1) would drop
      if (neededDecimals(children) > 2) evidence.push({ ...base, verdict: 'exact' });
      continue;
    }
    if (Math.abs(stated - children) > SUM_TOLERANCE || neededDecimals(children) <= decimals || Math.abs(roundTo(children, decimals) - stated) >= SAME) continue;
    const parentCode = st.index.byCode.get(code)?.parent ?? 'TOTAL';
    const parent = st.first.get(parentCode);
    const addsRounded = parentAdds(st, parent, r, stated);
    const addsExact = parentAdds(st, parent, r, children);
    if (addsRounded && !addsExact) evidence.push({ ...base, verdict: 'rounded' });
    else if (addsExact && !addsRounded) evidence.push({ ...base, verdict: 'print_only' });
  }
  const detected: RoundingMap = {};
  for (const e of evidence) detected[e.code] = e.verdict === 'rounded' ? e.decimals : null;
  return { evidence, detected, total: totalRounding(st) };
}

function totalRounding(st: TableStructure): TableRounding['total'] {
  const row = st.first.get('TOTAL');
  const stated = row?.appraised.value ?? null;
  const decimals = row ? printedDecimals(row.appraised.raw) : null;
  if (!row || stated === null || decimals === null) return null;
  const fields = (st.childRows.get('TOTAL') ?? []).filter((k) => st.first.get(k.code) === k);
  const finer = fields.filter((f) => (printedDecimals(f.appraised.raw) ?? 0) > decimals).length;
  const fieldsSum = fields.some((f) => f.appraised.invalid) ? null : childSum(fields, 'appraised');
  const rounded = finer * 2 > fields.length && fieldsSum !== null && Math.abs(roundTo(fieldsSum, decimals) - stated) < SAME;
  return { stated, decimals, rounded, fieldsSum };
}

/** The rounding a criteria set applies (its `round` per node; rules file "rounding"). */
export function roundingOf(set: CriteriaSet): RoundingMap {
  const out: RoundingMap = {};
  for (const c of set.criteria) if (c.round !== undefined && c.round !== null) out[c.code] = c.round;
  return out;
}

/**
 * A copy of the set whose nodes round as `rounding` says: a code mapped to a number rounds to it, a code mapped to
 * null does not round, codes not in the map keep the set's own. Codes the set does not have are ignored (a campaign's
 * rounding applies to the sets of all its units).
 */
export function withRounding(set: CriteriaSet, rounding: RoundingMap): CriteriaSet {
  const criteria = set.criteria.map((c) => {
    if (!Object.hasOwn(rounding, c.code)) return c;
    const round = rounding[c.code] ?? null;
    const { round: _old, ...rest } = c;
    return round === null ? rest : { ...rest, round };
  });
  return { ...set, criteria };
}
