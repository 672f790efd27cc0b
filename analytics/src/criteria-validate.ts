// Structural checks of a criteria set (PAR-INDEX.md §1: parent max = sum of children; source on leaves only).
import type { CriteriaSet } from './types';
import { buildCriteriaIndex } from './criteria-index';
import { fmt4, sum } from './numbers';

/** Returns one English sentence per problem; empty when the set is sound. */
export function validateCriteriaSet(set: CriteriaSet): string[] {
  const errors: string[] = [];
  const index = buildCriteriaIndex(set);
  const seen = new Set<string>();
  for (const c of set.criteria) {
    if (seen.has(c.code)) errors.push(`${c.code}: duplicate code`);
    seen.add(c.code);
    if (!Number.isFinite(c.maxPoints) || c.maxPoints < 0) errors.push(`${c.code}: max points must be a number ≥ 0`);
    if (c.parent !== null) {
      const parent = index.byCode.get(c.parent);
      if (!parent) errors.push(`${c.code}: parent ${c.parent} does not exist`);
      else {
        if (set.criteria.indexOf(parent) > set.criteria.indexOf(c)) errors.push(`${c.code}: printed before its parent ${c.parent}`);
        if (c.level !== parent.level + 1) errors.push(`${c.code}: level ${c.level} but parent ${c.parent} has level ${parent.level}`);
      }
    } else if (c.level !== 0) errors.push(`${c.code}: no parent but level ${c.level} (fields have level 0)`);
    const kids = index.children.get(c.code) ?? [];
    if (kids.length === 0) {
      if (c.source === null) errors.push(`${c.code}: leaf without a source`);
      if (c.rule && c.rule.kind !== 'manual' && c.source !== 'content') errors.push(`${c.code}: a scoring rule on a ${c.source} leaf (rules are for content leaves)`);
    } else {
      if (c.source !== null) errors.push(`${c.code}: inner node with a source (${c.source})`);
      if (c.rule) errors.push(`${c.code}: inner node with a scoring rule`);
      const childSum = sum(kids.map((k) => k.maxPoints));
      if (Math.abs(childSum - c.maxPoints) > 1e-6) {
        errors.push(`${c.code}: max ${fmt4(c.maxPoints)} but its children's maxima sum to ${fmt4(childSum)}`);
      }
    }
    if (c.round !== undefined && c.round !== null && (!Number.isInteger(c.round) || c.round < 0)) {
      errors.push(`${c.code}: round must be a whole number of decimals ≥ 0`);
    }
  }
  return errors;
}
