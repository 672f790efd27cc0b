// The tree a parsed table prints: which rows are children of which, and the sums of their printed numbers.
// Used by the validator and by override reconciliation (PAR-INDEX.md §1: parent = sum of children).
import type { CriteriaSet, TableRow } from './types';
import { buildCriteriaIndex, type CriteriaIndex } from './criteria-index';
import { sum } from './numbers';

export type NumberColumn = 'max' | 'self' | 'appraised';

export interface TableStructure {
  index: CriteriaIndex;
  /** first row of each code */
  first: Map<string, TableRow>;
  /** rows whose code occurred before */
  duplicates: TableRow[];
  /** rows under each parent code ('TOTAL' for fields), in table order, duplicates included */
  childRows: Map<string, TableRow[]>;
}

/** The parent a row belongs to: the set's parent for known codes, else the code without its last part. */
export function parentKey(code: string, index: CriteriaIndex): string | null {
  if (code === 'TOTAL' || code === '') return null;
  const def = index.byCode.get(code);
  if (def) return def.parent ?? 'TOTAL';
  const dot = code.lastIndexOf('.');
  return dot < 0 ? 'TOTAL' : code.slice(0, dot);
}

export function tableStructure(rows: readonly TableRow[], set: CriteriaSet): TableStructure {
  const index = buildCriteriaIndex(set);
  const first = new Map<string, TableRow>();
  const duplicates: TableRow[] = [];
  const childRows = new Map<string, TableRow[]>();
  for (const r of rows) {
    if (first.has(r.code) && r.code !== '') duplicates.push(r);
    else first.set(r.code, r);
    const p = parentKey(r.code, index);
    if (p !== null) childRows.set(p, [...(childRows.get(p) ?? []), r]);
  }
  return { index, first, duplicates, childRows };
}

/**
 * Sum of the children's printed values in one column, over the children that have a value there;
 * null when none has (an empty cell is not 0: leadership and SIPAS leaves have no self-assessed score).
 */
export function childSum(children: readonly TableRow[], column: NumberColumn): number | null {
  const values = children.map((r) => r[column].value).filter((v): v is number => v !== null);
  return values.length === 0 ? null : sum(values);
}
