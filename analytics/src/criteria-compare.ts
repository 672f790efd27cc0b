// Differences between two criteria sets (issue 11: a corrected set is a new version; analysts compare versions, or
// this year's set with last year's). Criteria are matched by code.
import type { CriteriaSet, CriterionDef } from './types';
import { criteriaRuleText } from './criteria-rule-text';

export type ComparedField = 'name' | 'parent' | 'maxPoints' | 'source' | 'rule' | 'evidenceRequired' | 'evidenceExpected' | 'evidenceGuidance';

export interface CriterionDifference {
  field: ComparedField;
  from: string | number | boolean | string[] | null;
  to: string | number | boolean | string[] | null;
}

export interface CriteriaComparison {
  added: CriterionDef[];
  removed: CriterionDef[];
  changed: { code: string; name: string; level: number; differences: CriterionDifference[] }[];
  unchanged: number;
  /** total maxima of the leaves of each set */
  maxFrom: number;
  maxTo: number;
}

const leafMax = (set: CriteriaSet) => {
  const parents = new Set(set.criteria.map((c) => c.parent).filter((p) => p !== null));
  return Math.round(set.criteria.filter((c) => !parents.has(c.code)).reduce((s, c) => s + c.maxPoints, 0) * 1e6) / 1e6;
};

function values(c: CriterionDef): Record<ComparedField, CriterionDifference['from']> {
  return {
    name: c.name,
    parent: c.parent,
    maxPoints: c.maxPoints,
    source: c.source,
    rule: c.rule ? criteriaRuleText(c.rule) : null,
    evidenceRequired: c.evidence?.required ?? false,
    evidenceExpected: c.evidence?.expected ?? [],
    evidenceGuidance: c.evidence?.guidance ?? null,
  };
}

/** Criteria only in `to` (added), only in `from` (removed), and in both with the fields that differ, in `to`'s order. */
export function compareCriteriaSets(from: CriteriaSet, to: CriteriaSet): CriteriaComparison {
  const before = new Map(from.criteria.map((c) => [c.code, c]));
  const after = new Set(to.criteria.map((c) => c.code));
  const changed: CriteriaComparison['changed'] = [];
  let unchanged = 0;
  for (const c of to.criteria) {
    const old = before.get(c.code);
    if (!old) continue;
    const a = values(old);
    const b = values(c);
    const differences = (Object.keys(b) as ComparedField[])
      .filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]))
      .map((field) => ({ field, from: a[field], to: b[field] }));
    if (differences.length === 0) unchanged++;
    else changed.push({ code: c.code, name: c.name, level: c.level, differences });
  }
  return {
    added: to.criteria.filter((c) => !before.has(c.code)),
    removed: from.criteria.filter((c) => !after.has(c.code)),
    changed,
    unchanged,
    maxFrom: leafMax(from),
    maxTo: leafMax(to),
  };
}
