// SIPAS indices from per-cell sufficient statistics, for campaigns too large to read form by form (issue 5: recompute
// 1,000,000 forms in the database). The same rules as `sipasIndices` (it runs `sipasFromMeans` too) and the same
// Taylor variance, computed from sums the database returns. Formulas: analytics/README.md, "SIPAS in the database".
//
// A cell is the set of forms sharing one stratum and one breakdown group (the database groups by unit and level).
// Every form of a stratum has the same design weight w_h = N_h / n_h, so for a share ȳ_k (question k):
//   W_k = Σ_h w_h v_hk, ȳ_k = Σ_h w_h s_hk / W_k           (v valid answers 1–5, s satisfied 4–5: pass 1 counts)
// A linear combination θ = Σ c_k ȳ_k is linearised per form as z_i = w_h t_i with t_i = Σ_k c_k (y_ik − ȳ_k) / W_k
// over the questions form i answered validly (0 elsewhere, and outside the domain), and
//   V(θ) = Σ_h n_h / (n_h − 1) · w_h² · Σ_{i∈h} (t_i − t̄_h)²      (taylorVariance; t̄_h over all n_h forms)
// A single question's t takes three values, so its variance comes from the counts alone. A combination of several
// needs Σ (t_i − t̄_c)² per cell (pass 2: the database's var_pop of t); Σ t per cell follows from the counts, and the
// cells of a stratum are pooled with Chan's formula. Only Taylor variance without the fpc (the results' default).
import { DomainEstimates } from './estimation-core';
import { sipasFromMeans, type SipasFactorRef, type SipasOptions, type SipasQuestion, type SipasResult } from './sipas';
import { SMALL_N_RULES, SurveyInputError, type Estimate, type SmallNRules } from './survey-design';

/** Pass 1: the counts of one cell. */
export interface StatsCell {
  /** the cell's own key (the database's unit and level) */
  key: string;
  stratum: string;
  /** the breakdown group of the cell's forms (a unit, a level) */
  group: string;
  forms: number;
  /** per question k (in `sipasQuestions` order): valid answers (1–5), satisfied (4, 5), "don't know" (9) */
  valid: ArrayLike<number>;
  satisfied: ArrayLike<number>;
  dontKnow: ArrayLike<number>;
  /** per question set of `StatsInput.sets`: forms answering at least one of the set validly */
  anyValid: ArrayLike<number>;
}

export interface StatsInput {
  questions: readonly SipasQuestion[];
  cells: readonly StatsCell[];
  /** design weight per stratum (N_h / n_h; 1 unweighted) */
  weights: ReadonlyMap<string, number>;
  /** question sets counted in `anyValid` (each sorted ascending) */
  sets: readonly (readonly number[])[];
  rules?: SmallNRules;
}

/**
 * A combination the database must evaluate per form: t_i = Σ_k (satisfied_ik ? sat[k] : valid_ik ? unsat[k] : 0),
 * i.e. sat[k] = c_k (1 − ȳ_k) / W_k and unsat[k] = −c_k ȳ_k / W_k for the combination's questions, 0 elsewhere.
 */
export interface StatsSlot {
  sat: Float64Array;
  unsat: Float64Array;
}

/** Pass 2: per cell, Σ (t_i − t̄_c)² of each slot (n_c · var_pop), for the overall slots and the cell's own group's slots. */
export interface Pass2Cell {
  /** `StatsCell.key` */
  key: string;
  overall: ArrayLike<number>;
  own: ArrayLike<number>;
}

/** What pass 2 must compute: the overall slots, and per group its own slots. */
export interface StatsPlan {
  overall: StatsSlot[];
  groups: Map<string, StatsSlot[]>;
  /** question sets outside `sets` whose "answered any" count is needed, per domain (null = all forms) */
  extraSets: { group: string | null; set: number[] }[];
}

const keyOf = (set: readonly number[]) => set.join(',');
const domainKey = (group: string | null, set: readonly number[]) => `${group ?? '*'}|${keyOf(set)}`;

/** Pass-1 figures of one domain (all forms, or one group) summed over its cells: the core's accumulators, from counts. */
function domainSource(input: StatsInput, group: string | null) {
  const cells = input.cells.filter((c) => group === null || c.group === group);
  const K = input.questions.length;
  const W = new Float64Array(K);
  const S = new Float64Array(K);
  const valid = new Float64Array(K);
  const dontKnow = new Float64Array(K);
  let forms = 0;
  for (const c of cells) {
    forms += c.forms;
    const w = weightOf(input, c.stratum);
    for (let k = 0; k < K; k++) {
      W[k]! += w * c.valid[k]!;
      S[k]! += w * c.satisfied[k]!;
      valid[k]! += c.valid[k]!;
      dontKnow[k]! += c.dontKnow[k]!;
    }
  }
  const mean = Float64Array.from(W, (x, k) => (x > 0 ? S[k]! / x : Number.NaN));
  return {
    cells, W, mean,
    source: { K, forms, valid: (k: number) => valid[k]!, dontKnow: (k: number) => dontKnow[k]!, mean: (k: number) => mean[k]! },
  };
}

function weightOf(input: StatsInput, stratum: string): number {
  const w = input.weights.get(stratum);
  if (w === undefined) throw new Error(`no weight for stratum ${stratum}`);
  return w;
}

/** The rules run on one domain's counts (planning: estimates exact, the combinations and sets recorded). */
function planDomain(input: StatsInput, factors: readonly SipasFactorRef[], group: string | null, options: RuleOptions) {
  const d = domainSource(input, group);
  const means = new DomainEstimates(d.source, input.rules ?? SMALL_N_RULES);
  sipasFromMeans(means, input.questions, factors, { ...options, variance: { method: 'taylor' } });
  return { ...d, means };
}

/** Pass 2 coefficients of a slot's terms in a domain: t = c_k (1 − p_k) / W_k when satisfied, −c_k p_k / W_k when not. */
function slotOf(terms: readonly (readonly [number, number])[], W: Float64Array, mean: Float64Array): StatsSlot {
  const K = W.length;
  const sat = new Float64Array(K);
  const unsat = new Float64Array(K);
  for (const [k, c] of terms) {
    sat[k]! += (c * (1 - mean[k]!)) / W[k]!;
    unsat[k]! += (-c * mean[k]!) / W[k]!;
  }
  return { sat, unsat };
}

/** Σ t over a cell, from its counts: Σ_k sat_k s_ck + unsat_k (v_ck − s_ck). */
function cellSum(slot: StatsSlot, c: StatsCell): number {
  let sum = 0;
  for (let k = 0; k < slot.sat.length; k++) {
    if (slot.sat[k] === 0 && slot.unsat[k] === 0) continue;
    sum += slot.sat[k]! * c.satisfied[k]! + slot.unsat[k]! * (c.valid[k]! - c.satisfied[k]!);
  }
  return sum;
}

function stratumFormsOf(cells: readonly StatsCell[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cells) out.set(c.stratum, (out.get(c.stratum) ?? 0) + c.forms);
  return out;
}

/**
 * The variance of the core (estimation-core.ts) from per-cell sums: per stratum Σ z = w_h Σ_c Σ t and
 * Σ z² = w_h² Σ_c [M2_c + (Σ_c t)² / n_c] over the domain's cells c, V = Σ_h n_h / (n_h − 1) · [Σ z² − (Σ z)² / n_h].
 */
function varianceFromCells(input: StatsInput, stratumForms: ReadonlyMap<string, number>, cells: readonly { stratum: string; forms: number; sum: number; m2: number }[]): number {
  const z1 = new Map<string, number>();
  const z2 = new Map<string, number>();
  for (const c of cells) {
    const w = weightOf(input, c.stratum);
    z1.set(c.stratum, (z1.get(c.stratum) ?? 0) + w * c.sum);
    z2.set(c.stratum, (z2.get(c.stratum) ?? 0) + w * w * (c.m2 + (c.forms > 0 ? (c.sum * c.sum) / c.forms : 0)));
  }
  let V = 0;
  for (const [stratum, a] of z1) {
    const nh = stratumForms.get(stratum)!;
    if (nh < 2) continue;
    V += (nh / (nh - 1)) * (z2.get(stratum)! - (a * a) / nh);
  }
  return V;
}

type RuleOptions = Pick<SipasOptions, 'factorIndex' | 'points'>;

/**
 * Step 1: run the SIPAS rules on the counts (overall and per group) and list the combinations pass 2 must evaluate.
 * `groups`: the breakdown groups wanted (cells' `group` values).
 */
export function planSipasStats(input: StatsInput, factors: readonly SipasFactorRef[], groups: readonly string[], options: RuleOptions = {}): StatsPlan {
  const known = new Set(input.sets.map(keyOf));
  const planOf = (group: string | null) => {
    const d = planDomain(input, factors, group, options);
    return {
      slots: d.means.slots.map((terms) => slotOf(terms, d.W, d.mean)),
      extra: d.means.sets.filter((set) => !known.has(keyOf(set))).map((set) => ({ group, set })),
    };
  };
  const all = planOf(null);
  const plan: StatsPlan = { overall: all.slots, groups: new Map(), extraSets: [...all.extra] };
  for (const g of groups) {
    const p = planOf(g);
    plan.groups.set(g, p.slots);
    plan.extraSets.push(...p.extra);
  }
  return plan;
}

/**
 * Step 2: the SIPAS results, overall and per group, from the counts, the plan and pass 2's sums of squares, by the
 * core's `DomainEstimates` (the same rules and variance as form by form). `extra`: the counts of `plan.extraSets`.
 */
export function finishSipasStats(
  input: StatsInput,
  factors: readonly SipasFactorRef[],
  groups: readonly string[],
  plan: StatsPlan,
  pass2: readonly Pass2Cell[],
  extra: readonly number[],
  options: RuleOptions = {},
): { overall: SipasResult; groups: { group: string; forms: number; result: SipasResult }[] } {
  if (extra.length !== plan.extraSets.length) throw new SurveyInputError('Thiếu số đếm bổ sung.', 'Extra counts missing.');
  const stratumForms = stratumFormsOf(input.cells);
  const extraCounts = new Map(plan.extraSets.map((e, i) => [domainKey(e.group, e.set), extra[i]!]));
  const pass2At = new Map(pass2.map((p) => [p.key, p]));
  const setIndex = new Map(input.sets.map((s, j) => [keyOf(s), j]));
  const run = (group: string | null, slots: readonly StatsSlot[]) => {
    const d = planDomain(input, factors, group, options);
    if (d.means.slots.length > slots.length) throw new Error('pass 2 was planned for fewer combinations than the rules asked for');
    const slot = (j: number) => varianceFromCells(input, stratumForms, d.cells.map((c) => {
      const p = pass2At.get(c.key);
      if (!p) throw new Error(`pass 2 has no row for cell ${c.key}`);
      return { stratum: c.stratum, forms: c.forms, sum: cellSum(slots[j]!, c), m2: Number((group === null ? p.overall : p.own)[j]) };
    }));
    const set = (j: number) => {
      const s = d.means.sets[j]!;
      const at = setIndex.get(keyOf(s));
      if (at !== undefined) return d.cells.reduce((n, c) => n + c.anyValid[at]!, 0);
      const found = extraCounts.get(domainKey(group, s));
      if (found === undefined) throw new Error(`no count of forms answering ${keyOf(s)}`);
      return found;
    };
    const single = (k: number) => singleVariance(input, stratumForms, d, k);
    const means = new DomainEstimates(d.source, input.rules ?? SMALL_N_RULES, { method: 'taylor', single, slot, set }, d.means.plan);
    return sipasFromMeans(means, input.questions, factors, { ...options, variance: { method: 'taylor' } });
  };
  const overall = run(null, plan.overall);
  return {
    overall,
    groups: groups.map((g) => {
      const result = run(g, plan.groups.get(g) ?? []);
      return { group: g, forms: result.forms, result };
    }),
  };
}

/** V of question k in a domain from the counts: t is (1 − p)/W on s forms, −p/W on v − s forms, 0 elsewhere. */
function singleVariance(input: StatsInput, stratumForms: ReadonlyMap<string, number>, d: ReturnType<typeof domainSource>, k: number): number {
  const W = d.W[k]!;
  if (!(W > 0)) return 0;
  const a = (1 - d.mean[k]!) / W;
  const b = -d.mean[k]! / W;
  return varianceFromCells(input, stratumForms, d.cells.map((c) => {
    const s = c.satisfied[k]!;
    const v = c.valid[k]!;
    const sum = s * a + (v - s) * b;
    const m2 = s * a * a + (v - s) * b * b - (c.forms > 0 ? (sum * sum) / c.forms : 0);
    return { stratum: c.stratum, forms: c.forms, sum, m2 };
  }));
}

/**
 * Shares from counts alone (single questions need no pass 2): per question k of `input`, the estimate over all
 * forms, with the closed-form Taylor variance. Used for a multi-choice question's options (valid = forms answering
 * it, satisfied = forms choosing the option), as `choiceShares` computes them form by form.
 */
export function statsShares(input: StatsInput): Estimate[] {
  const stratumForms = stratumFormsOf(input.cells);
  const d = domainSource(input, null);
  const means = new DomainEstimates(d.source, input.rules ?? SMALL_N_RULES, {
    method: 'taylor',
    single: (k) => singleVariance(input, stratumForms, d, k),
    slot: () => Number.NaN,
    set: () => Number.NaN,
  });
  return input.questions.map((_, k) => means.estimate(k));
}
