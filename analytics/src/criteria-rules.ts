// Merges a rules file (seeds/criteria/<code>.rules.json) into a criteria set: scoring rules (PAR-INDEX.md §2)
// and the rounding of published aggregates (PAR-INDEX.md §1: SIPAS 8.1 to 2 decimals).
import type { CriteriaSet, ScoringRule } from './types';

export interface CriteriaRulesJson {
  code?: string;
  year?: number;
  name?: string | { vi: string; en: string };
  /** code → decimals the published tables round that node's aggregate to */
  rounding?: Record<string, number>;
  /** leaf code → scoring rule; leaves not listed are scored by hand */
  rules?: Record<string, ScoringRule>;
  /** free-text remarks per code; ignored by the engine */
  notes?: Record<string, string>;
  /** versions of one set share a family (default: the code); version defaults to 1 (issue 11) */
  family?: string;
  version?: number;
  /** the unit kind a province's own set is for (department, commune, district) */
  unitKind?: 'province' | 'department' | 'district' | 'commune';
  description?: string;
}

const KINDS = ['ratio', 'base_plus_ratio', 'ratio_to_target', 'rank_bands', 'threshold', 'manual'];

function checkRule(code: string, rule: ScoringRule): void {
  const r = rule as unknown as Record<string, unknown>;
  const bad = (what: string): never => {
    throw new Error(`rules for ${code}: ${what}`);
  };
  if (typeof r.kind !== 'string' || !KINDS.includes(r.kind)) bad(`unknown kind ${String(r.kind)}`);
  if (r.kind === 'base_plus_ratio' && typeof r.base !== 'number') bad('base_plus_ratio needs a numeric "base"');
  if (r.kind === 'ratio_to_target' && !(typeof r.target === 'number' && r.target > 0)) bad('ratio_to_target needs "target" > 0');
  if (r.kind === 'threshold' && typeof r.threshold !== 'number') bad('threshold needs a numeric "threshold"');
  if (r.kind === 'rank_bands' && !(Array.isArray(r.bands) && r.bands.length > 0)) bad('rank_bands needs a non-empty "bands" list');
}

/** Returns a copy of the set with `rule` and `round` set from the rules file. Unknown codes throw. */
export function applyCriteriaRules(set: CriteriaSet, rulesJson: CriteriaRulesJson): CriteriaSet {
  const codes = new Set(set.criteria.map((c) => c.code));
  for (const code of [...Object.keys(rulesJson.rules ?? {}), ...Object.keys(rulesJson.rounding ?? {})]) {
    if (!codes.has(code)) throw new Error(`rules for ${set.code}: code ${code} is not in the criteria set`);
  }
  for (const [code, rule] of Object.entries(rulesJson.rules ?? {})) checkRule(code, rule);
  const criteria = set.criteria.map((c) => {
    const rule = rulesJson.rules?.[c.code];
    const round = rulesJson.rounding?.[c.code];
    return { ...c, ...(rule ? { rule } : {}), ...(round !== undefined ? { round } : {}) };
  });
  return { ...set, criteria };
}
