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
    override: false, computed: null, notApplicable: na, note: s?.note ?? null, evidence: s?.evidence ?? null, children: [],
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
    notApplicable: children.length > 0 && children.every((c) => c.notApplicable), note: w.scores.get(head.code)?.note ?? null, evidence: null, children,
  };
}

function nodeOf(w: Walk, def: CriterionDef): ScoreNode {
  const kids = w.index.children.get(def.code) ?? [];
  return kids.length === 0 ? leafNode(w, def) : innerNode(w, def, kids);
}

function leafSources(node: ScoreNode, out = new Set<Source>()): Set<Source> {
  if (node.children.length === 0) {
    if (node.source) out.add(node.source);
  } else for (const c of node.children) leafSources(c, out);
  return out;
}

/**
 * Points per source (PAR-INDEX.md §1: content / leadership_survey / sipas) such that the parts add up to the total:
 * the leaves' points, plus, where an inner node's score differs from its children's (a kept published score, or
 * the published rounding of SIPAS 8.1), the difference credited to the source of that node's leaves — to `content`
 * when they are mixed, since overrides come from the appraisal council.
 */
function partScores(node: ScoreNode): Record<Source, number> {
  const out: Record<Source, number> = { content: 0, leadership_survey: 0, sipas: 0 };
  if (node.children.length === 0) {
    if (node.source && node.appraised !== null) out[node.source] += node.appraised;
    return out;
  }
  for (const child of node.children) {
    const p = partScores(child);
    for (const s of SOURCES) out[s] += p[s];
  }
  const delta = (node.appraised ?? 0) - SOURCES.reduce((acc, s) => acc + out[s], 0);
  if (Math.abs(delta) > 1e-12) {
    const sources = leafSources(node);
    out[sources.size === 1 ? [...sources][0]! : 'content'] += delta;
  }
  return out;
}

/**
 * Aggregates leaf scores up the criteria tree, in printed order. Inner nodes in `overrides` take that appraised
 * value (override = true, computed = the children's sum). Only `opts.overrides` overrides; inner-node entries in
 * `scores` are ignored. `parts` splits the total by source of the leaves (see partScores), so the parts add up to the total.
 */
export function aggregate(set: CriteriaSet, scores: Map<string, NodeScore>, opts: AggregateOptions = {}): ScoreTree {
  const index = buildCriteriaIndex(set);
  const w: Walk = { index, scores, overrides: opts.overrides ?? new Map(), applyRounding: opts.applyRounding ?? true };
  const root = innerNode(w, { code: 'TOTAL', name: set.name, level: -1, round: null }, index.fields);
  const partScore = partScores(root);
  const parts = {} as Record<Source, { score: number; max: number }>;
  for (const source of SOURCES) {
    const leaves = index.leaves.filter((l) => l.source === source && w.scores.get(l.code)?.notApplicable !== true);
    parts[source] = { score: clean(partScore[source]), max: sum(leaves.map((l) => l.maxPoints)) };
  }
  const total = root.appraised ?? 0;
  return { root, total, max: root.max, percent: root.max > 0 ? clean((total * 100) / root.max) : 0, parts };
}
