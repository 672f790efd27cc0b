import { SOURCES, type CriterionDef, type Source } from '../../../shared/api/types';

/** Codes of criteria that have children. */
export function parentCodes(criteria: readonly CriterionDef[]): Set<string> {
  return new Set(criteria.map((c) => c.parent).filter((p): p is string => p !== null));
}

/** The criteria whose ancestors are all expanded, in printed order. */
export function visibleCriteria(criteria: readonly CriterionDef[], expanded: ReadonlySet<string>): CriterionDef[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const isVisible = (c: CriterionDef): boolean => {
    for (let parent = c.parent; parent !== null; parent = byCode.get(parent)?.parent ?? null) {
      if (!expanded.has(parent)) return false;
    }
    return true;
  };
  return criteria.filter(isVisible);
}

export interface SourceTotal {
  source: Source;
  points: number;
  leaves: number;
}

/** Points and leaf counts per source (leaves only), plus the total. */
export function sourceTotals(criteria: readonly CriterionDef[]): { bySource: SourceTotal[]; points: number; leaves: number } {
  const parents = parentCodes(criteria);
  const leaves = criteria.filter((c) => !parents.has(c.code));
  const bySource = SOURCES.map((source) => {
    const own = leaves.filter((c) => c.source === source);
    return { source, points: own.reduce((sum, c) => sum + c.maxPoints, 0), leaves: own.length };
  });
  return { bySource, points: leaves.reduce((sum, c) => sum + c.maxPoints, 0), leaves: leaves.length };
}
