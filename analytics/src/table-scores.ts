// Turns a parsed table into stored scores: leaf scores, and the stated values of inner nodes and the total.
import type { CriteriaSet, NodeScore, ParsedTable } from './types';
import { isLeaf } from './criteria-index';
import { tableStructure } from './table-structure';
import { suggestCodeByName } from './table-suggest';

export interface TableScores {
  /** leaf code → its scores, from the first row with that code */
  scores: Map<string, NodeScore>;
  /** inner code or 'TOTAL' → the values the table states for it */
  stated: Map<string, { self: number | null; appraised: number | null }>;
}

/**
 * Leaf scores come from the first row of each leaf code. A repeated row whose name is that of a leaf the table
 * lacks is read as that leaf (PAR-INDEX.md §7 fault 1: the second 5.1.2 is 5.1.3 by name); the validator
 * still reports it as duplicate_code and missing_code.
 */
export function tableToScores(table: ParsedTable, set: CriteriaSet): TableScores {
  const st = tableStructure(table.rows, set);
  const scores = new Map<string, NodeScore>();
  const stated = new Map<string, { self: number | null; appraised: number | null }>();
  for (const [code, r] of st.first) {
    if (code === 'TOTAL' || (st.index.byCode.has(code) && !isLeaf(st.index, code))) {
      stated.set(code, { self: r.self.value, appraised: r.appraised.value });
    } else if (isLeaf(st.index, code)) {
      scores.set(code, { self: r.self.value, appraised: r.appraised.value, note: r.note === '' ? null : r.note });
    }
  }
  for (const d of st.duplicates) {
    const code = suggestCodeByName(d, set);
    if (code !== null && !st.first.has(code) && !scores.has(code) && isLeaf(st.index, code)) {
      scores.set(code, { self: d.self.value, appraised: d.appraised.value, note: d.note === '' ? null : d.note });
    }
  }
  return { scores, stated };
}
