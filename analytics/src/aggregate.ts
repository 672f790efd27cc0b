// Tree aggregation of a unit's scores (PAR-INDEX.md §1: parent score = sum of children; index % = 100 × score / max).
import type { CriteriaSet, CriterionDef, NodeScore, ScoreNode, ScoreTree, Source } from './types';
import { SOURCES } from './types';
import { buildCriteriaIndex, type CriteriaIndex } from './criteria-index';
import { clean, roundTo, sum } from './numbers';

export interface AggregateOptions {
  /** inner code → appraised score kept from a published table instead of the children's sum */
  overrides?: Map<string, number>;
  /** round nodes whose def has `round` as the published tables do (PAR-INDEX.md §1: SIPAS 8.1 to 2 decimals); default true */
  applyRounding?: boolean;
}

function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : sum(present);
}

/** PAR-INDEX.md §1 and §5: index % = 100 × score / max, the max after not-applicable leaves left it. */
function percentOf(score: number | null, max: number): number | null {
  return score === null || max <= 0 ? null : clean((score * 100) / max);
}

interface Walk {
  index: CriteriaIndex;
  scores: Map<string, NodeScore>;
  overrides: Map<string, number>;
  applyRounding: boolean;
}

function leafNode(w: Walk, def: CriterionDef): ScoreNode {
  const s = w.scores.get(def.code);
  const na = s?.notApplicable === true;
  const max = na ? 0 : def.maxPoints; // PAR-INDEX.md §5: a leaf that does not apply leaves the unit's maximum
  const appraised = na ? null : (s?.appraised ?? null);
  return {
    code: def.code, name: def.name, level: def.level, source: def.source, max,
    self: na ? null : (s?.self ?? null), appraised, percent: percentOf(appraised, max),
    override: false, computed: null, notApplicable: na, note: s?.note ?? null, children: [],
  };
}

function innerNode(w: Walk, head: Pick<CriterionDef, 'code' | 'name' | 'level' | 'round'>, kids: readonly CriterionDef[]): ScoreNode {
  const children = kids.map((k) => nodeOf(w, k));
  const max = sum(children.map((c) => c.max));
  let computed = sumOrNull(children.map((c) => c.appraised));
  if (w.applyRounding && computed !== null && head.round !== undefined && head.round !== null) computed = roundTo(computed, head.round);
  const override = w.overrides.get(head.code);
  const appraised = override ?? computed;
  return {
    code: head.code, name: head.name, level: head.level, source: null, max,
    self: sumOrNull(children.map((c) => c.self)), appraised, percent: percentOf(appraised, max),
    override: override !== undefined, computed: override !== undefined ? computed : null,
    notApplicable: children.length > 0 && children.every((c) => c.notApplicable), note: null, children,
  };
}

function nodeOf(w: Walk, def: CriterionDef): ScoreNode {
  const kids = w.index.children.get(def.code) ?? [];
  return kids.length === 0 ? leafNode(w, def) : innerNode(w, def, kids);
}

/**
 * Aggregates leaf scores up the criteria tree, in printed order. Inner nodes in `overrides` take that appraised
 * value (override = true, computed = the children's sum). Only `opts.overrides` overrides; inner-node entries in
 * `scores` are ignored. `parts` sums the leaves by source (PAR-INDEX.md §1: content / leadership_survey / sipas).
 */
export function aggregate(set: CriteriaSet, scores: Map<string, NodeScore>, opts: AggregateOptions = {}): ScoreTree {
  const index = buildCriteriaIndex(set);
  const w: Walk = { index, scores, overrides: opts.overrides ?? new Map(), applyRounding: opts.applyRounding ?? true };
  const root = innerNode(w, { code: 'TOTAL', name: set.name, level: -1, round: null }, index.fields);
  const parts = {} as Record<Source, { score: number; max: number }>;
  for (const source of SOURCES) {
    const leaves = index.leaves.filter((l) => l.source === source && w.scores.get(l.code)?.notApplicable !== true);
    parts[source] = { score: sum(leaves.map((l) => w.scores.get(l.code)?.appraised ?? 0)), max: sum(leaves.map((l) => l.maxPoints)) };
  }
  const total = root.appraised ?? 0;
  return { root, total, max: root.max, percent: root.max > 0 ? clean((total * 100) / root.max) : 0, parts };
}
