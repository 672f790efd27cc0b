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
import { sipasFromMeans, type SipasFactorRef, type SipasMeansSource, type SipasOptions, type SipasQuestion, type SipasResult } from './sipas';
import { SMALL_N_RULES, SurveyInputError, toEstimate, type Estimate, type SmallNRules } from './survey-design';

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

type Terms = readonly (readonly [number, number])[];

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

/** Terms sorted by question and scaled so that the first coefficient is 1: proportional combinations share a slot. */
function normalise(terms: Terms): { key: string; scale: number; terms: [number, number][] } {
  const sorted = [...terms].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [k, c] of sorted) {
    const last = merged[merged.length - 1];
    if (last && last[0] === k) last[1] += c;
    else merged.push([k, c]);
  }
  const scale = merged[0]![1];
  const unit = merged.map(([k, c]) => [k, c / scale] as [number, number]);
  return { key: unit.map(([k, c]) => `${k}:${c.toPrecision(12)}`).join(' '), scale, terms: unit };
}

/** The means of one domain (all forms, or one group) from the cells, as `sipasFromMeans` reads them. */
class StatsMeans implements SipasMeansSource {
  readonly forms: number;
  private readonly cells: readonly StatsCell[];
  private readonly W: Float64Array;
  private readonly mean: Float64Array;
  private readonly setIndex: Map<string, number>;
  readonly slots: { key: string; terms: [number, number][] }[] = [];
  private readonly slotAt = new Map<string, number>();
  readonly extra: number[][] = [];

  constructor(
    private readonly input: StatsInput,
    private readonly stratumForms: ReadonlyMap<string, number>,
    readonly group: string | null,
    private readonly finals: { m2: (slot: number) => ReadonlyMap<string, number>; extra: ReadonlyMap<string, number> } | null,
  ) {
    this.cells = input.cells.filter((c) => group === null || c.group === group);
    const K = input.questions.length;
    this.W = new Float64Array(K);
    this.mean = new Float64Array(K);
    let forms = 0;
    const S = new Float64Array(K);
    for (const c of this.cells) {
      forms += c.forms;
      const w = input.weights.get(c.stratum)!;
      for (let k = 0; k < K; k++) {
        this.W[k]! += w * c.valid[k]!;
        S[k]! += w * c.satisfied[k]!;
      }
    }
    for (let k = 0; k < K; k++) this.mean[k] = this.W[k]! > 0 ? S[k]! / this.W[k]! : Number.NaN;
    this.forms = forms;
    this.setIndex = new Map(input.sets.map((s, j) => [keyOf(s), j]));
  }

  private get rules(): SmallNRules {
    return this.input.rules ?? SMALL_N_RULES;
  }

  estimate(k: number): Estimate {
    return this.combine([[k, 1]]);
  }

  counts(k: number) {
    let valid = 0;
    let dontKnow = 0;
    for (const c of this.cells) {
      valid += c.valid[k]!;
      dontKnow += c.dontKnow[k]!;
    }
    return { dontKnow, blank: this.forms - valid - dontKnow };
  }

  formsIn(ks: readonly number[]): number {
    const set = [...new Set(ks)].sort((a, b) => a - b);
    let n = 0;
    if (set.length === 1) {
      for (const c of this.cells) n += c.valid[set[0]!]!;
      return n;
    }
    const j = this.setIndex.get(keyOf(set));
    if (j !== undefined) {
      for (const c of this.cells) n += c.anyValid[j]!;
      return n;
    }
    if (!this.finals) {
      if (!this.extra.some((s) => keyOf(s) === keyOf(set))) this.extra.push(set);
      return 0;
    }
    const found = this.finals.extra.get(domainKey(this.group, set));
    if (found === undefined) throw new Error(`no count of forms answering ${keyOf(set)}`);
    return found;
  }

  /** Pass 2 coefficients of a normalised combination in this domain. */
  slot(terms: readonly [number, number][]): StatsSlot {
    const K = this.input.questions.length;
    const sat = new Float64Array(K);
    const unsat = new Float64Array(K);
    for (const [k, c] of terms) {
      sat[k]! += (c * (1 - this.mean[k]!)) / this.W[k]!;
      unsat[k]! += (-c * this.mean[k]!) / this.W[k]!;
    }
    return { sat, unsat };
  }

  combine(terms: Terms, bounds: [number, number] = [0, 1]): Estimate {
    if (terms.length === 0) return toEstimate(Number.NaN, 0, 0, bounds, this.rules);
    let value = 0;
    for (const [k, c] of terms) value += c * this.mean[k]!;
    const n = this.formsIn(terms.map(([k]) => k));
    const norm = normalise(terms);
    let variance: number;
    if (norm.terms.length === 1) variance = norm.scale * norm.scale * this.singleVariance(norm.terms[0]![0]);
    else {
      let j = this.slotAt.get(norm.key);
      if (j === undefined) {
        j = this.slots.length;
        this.slots.push({ key: norm.key, terms: norm.terms });
        this.slotAt.set(norm.key, j);
      }
      variance = this.finals ? norm.scale * norm.scale * this.slotVariance(j) : 0;
    }
    return toEstimate(value, variance, n, bounds, this.rules);
  }

  /** V(ȳ_k): t is (1 − ȳ)/W on s forms, −ȳ/W on v − s forms, 0 on the other forms of the stratum. */
  private singleVariance(k: number): number {
    const m = this.mean[k]!;
    const W = this.W[k]!;
    if (!(W > 0)) return 0;
    const a = (1 - m) / W;
    const b = -m / W;
    const byStratum = new Map<string, { v: number; s: number }>();
    for (const c of this.cells) {
      const e = byStratum.get(c.stratum) ?? { v: 0, s: 0 };
      e.v += c.valid[k]!;
      e.s += c.satisfied[k]!;
      byStratum.set(c.stratum, e);
    }
    let V = 0;
    for (const [stratum, { v, s }] of byStratum) {
      const nh = this.stratumForms.get(stratum)!;
      if (nh < 2) continue;
      const w = this.input.weights.get(stratum)!;
      const tbar = (s * a + (v - s) * b) / nh;
      const m2 = s * (a - tbar) ** 2 + (v - s) * (b - tbar) ** 2 + (nh - v) * tbar * tbar;
      V += (nh / (nh - 1)) * w * w * m2;
    }
    return V;
  }

  /** V of slot j: Σ_h n_h / (n_h − 1) · w_h² · M2_h, M2_h pooled from the cells by pass 2 (see `poolStrata`). */
  private slotVariance(j: number): number {
    const m2 = this.finals!.m2(j);
    let V = 0;
    for (const [stratum, ss] of m2) {
      const nh = this.stratumForms.get(stratum)!;
      if (nh < 2) continue;
      const w = this.input.weights.get(stratum)!;
      V += (nh / (nh - 1)) * w * w * ss;
    }
    return V;
  }

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

/**
 * Pools per-cell sums of squares into per-stratum Σ_{i∈h} (t_i − t̄_h)² (Chan et al.): M2_h = Σ_c M2_c + Σ_c n_c (t̄_c − t̄_h)²,
 * cells outside the domain contributing n_c forms with t = 0.
 */
function poolStrata(cells: readonly { stratum: string; forms: number; sum: number; m2: number }[]): Map<string, number> {
  const acc = new Map<string, { n: number; sum: number; cells: { n: number; mean: number; m2: number }[] }>();
  for (const c of cells) {
    const e = acc.get(c.stratum) ?? { n: 0, sum: 0, cells: [] };
    e.n += c.forms;
    e.sum += c.sum;
    e.cells.push({ n: c.forms, mean: c.forms > 0 ? c.sum / c.forms : 0, m2: c.m2 });
    acc.set(c.stratum, e);
  }
  const out = new Map<string, number>();
  for (const [stratum, e] of acc) {
    const mean = e.n > 0 ? e.sum / e.n : 0;
    let m2 = 0;
    for (const c of e.cells) m2 += c.m2 + c.n * (c.mean - mean) ** 2;
    out.set(stratum, m2);
  }
  return out;
}

function stratumFormsOf(cells: readonly StatsCell[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cells) out.set(c.stratum, (out.get(c.stratum) ?? 0) + c.forms);
  return out;
}

type RuleOptions = Pick<SipasOptions, 'factorIndex' | 'points'>;

/**
 * Step 1: run the SIPAS rules on the counts (overall and per group) and list the combinations pass 2 must evaluate.
 * `groups`: the breakdown groups wanted (cells' `group` values).
 */
export function planSipasStats(input: StatsInput, factors: readonly SipasFactorRef[], groups: readonly string[], options: RuleOptions = {}): StatsPlan {
  const forms = stratumFormsOf(input.cells);
  const run = (group: string | null) => {
    const means = new StatsMeans(input, forms, group, null);
    sipasFromMeans(means, input.questions, factors, { ...options, variance: { method: 'taylor' } });
    return means;
  };
  const all = run(null);
  const plan: StatsPlan = { overall: all.slots.map((s) => all.slot(s.terms)), groups: new Map(), extraSets: all.extra.map((set) => ({ group: null, set })) };
  for (const g of groups) {
    const means = run(g);
    plan.groups.set(g, means.slots.map((s) => means.slot(s.terms)));
    plan.extraSets.push(...means.extra.map((set) => ({ group: g, set })));
  }
  return plan;
}

/**
 * Step 2: the SIPAS results, overall and per group, from the counts, the plan and pass 2's sums of squares.
 * `extra`: the counts of `plan.extraSets`, in the same order.
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
  const forms = stratumFormsOf(input.cells);
  const extraCounts = new Map(plan.extraSets.map((e, i) => [domainKey(e.group, e.set), extra[i]!]));
  const pass2At = new Map(pass2.map((p) => [p.key, p]));
  const run = (group: string | null, slots: readonly StatsSlot[]) => {
    const m2 = (j: number) =>
      poolStrata(input.cells.map((c) => {
        const inside = group === null || c.group === group;
        const p = pass2At.get(c.key);
        if (!p) throw new Error(`pass 2 has no row for cell ${c.key}`);
        return inside
          ? { stratum: c.stratum, forms: c.forms, sum: cellSum(slots[j]!, c), m2: Number((group === null ? p.overall : p.own)[j]) }
          : { stratum: c.stratum, forms: c.forms, sum: 0, m2: 0 };
      }));
    const means = new StatsMeans(input, forms, group, { m2, extra: extraCounts });
    const result = sipasFromMeans(means, input.questions, factors, { ...options, variance: { method: 'taylor' } });
    if (means.slots.length > slots.length) throw new Error('pass 2 was planned for fewer combinations than the rules asked for');
    return result;
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

/**
 * Shares from counts alone (single questions need no pass 2): per question k of `input`, the estimate over all
 * forms, with the closed-form Taylor variance. Used for a multi-choice question's options (valid = forms answering
 * it, satisfied = forms choosing the option), as `choiceShares` computes them form by form.
 */
export function statsShares(input: StatsInput): Estimate[] {
  const means = new StatsMeans(input, stratumFormsOf(input.cells), null, null);
  return input.questions.map((_, k) => means.estimate(k));
}
