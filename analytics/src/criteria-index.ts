// Lookup structure over a criteria set: by code, children, leaves, all in printed order.
import type { CriteriaSet, CriterionDef } from './types';

export interface CriteriaIndex {
  byCode: Map<string, CriterionDef>;
  /** children of each code, in printed order (leaves map to []) */
  children: Map<string, CriterionDef[]>;
  /** the top level (fields, lĩnh vực) */
  fields: CriterionDef[];
  /** nodes without children: the scored leaves (PAR-INDEX.md §1: 101 in the provincial sets) */
  leaves: CriterionDef[];
}

export function buildCriteriaIndex(set: CriteriaSet): CriteriaIndex {
  const byCode = new Map<string, CriterionDef>();
  const children = new Map<string, CriterionDef[]>();
  const fields: CriterionDef[] = [];
  for (const c of set.criteria) {
    if (!byCode.has(c.code)) byCode.set(c.code, c);
    children.set(c.code, children.get(c.code) ?? []);
  }
  for (const c of set.criteria) {
    if (c.parent === null) fields.push(c);
    else children.get(c.parent)?.push(c);
  }
  const leaves = set.criteria.filter((c) => (children.get(c.code) ?? []).length === 0);
  return { byCode, children, fields, leaves };
}

export function isLeaf(index: CriteriaIndex, code: string): boolean {
  return index.byCode.has(code) && (index.children.get(code) ?? []).length === 0;
}
