// Survey estimation for a stratified one-stage sample (PAR-INDEX.md §3: forms drawn per unit, or unit × level):
// design weights, domain means with Taylor-linearised or bootstrap standard errors, linear combinations of means.
// The Taylor formulas are those of R's `survey` package (`svydesign(ids = ~1, strata = ~stratum, weights = ~w)`,
// `svymean(~y, subset(design, !is.na(y)))`), which test/r/survey-crosscheck.test.ts checks to 1e-9.
import { Accumulators, normaliseTerms, valueColumn } from './estimation-core';
import { mulberry32, mulberry32After } from './random';

/** qnorm(0.975): the normal quantile of a two-sided 95 % interval (R's `confint` on a `svystat`). */
export const Z95 = 1.959963984540054;
/** Below this many valid answers an estimate carries the warning `small_n` (issue 5). */
export const SMALL_N = 30;
/** Below this many valid answers an estimate is suppressed: estimate, SE and CI are null (issue 5). */
export const SUPPRESS_N = 5;

/** Wrong survey input (a stratum without a population, a negative weight …), in Vietnamese and English. */
export class SurveyInputError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
    this.name = 'SurveyInputError';
  }
}

/** Population size per stratum (N_h), by stratum name. */
export type PopulationSizes = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

function sizeOf(sizes: PopulationSizes, stratum: string): number | undefined {
  if (sizes instanceof Map) return (sizes as ReadonlyMap<string, number>).get(stratum);
  const rec = sizes as Readonly<Record<string, number>>;
  return Object.prototype.hasOwnProperty.call(rec, stratum) ? rec[stratum] : undefined;
}

function entriesOf(sizes: PopulationSizes): [string, number][] {
  return sizes instanceof Map ? [...(sizes as ReadonlyMap<string, number>).entries()] : Object.entries(sizes);
}

/** A stratified one-stage sample: each form's stratum and weight (and N_h when the fpc is used). */
export interface SurveyDesign {
  /** number of forms */
  readonly n: number;
  /** w_i, one per form */
  readonly weights: Float64Array;
  /** stratum index of each form (into `strata`) */
  readonly stratum: Int32Array;
  /** stratum names, in order of first appearance */
  readonly strata: readonly string[];
  /** n_h: forms per stratum (of the whole design, also in a `domainDesign`) */
  readonly stratumSize: Int32Array;
  /** the forms of each stratum (in a `domainDesign`: only the domain's) */
  readonly members: readonly Int32Array[];
  /** N_h per stratum when the finite population correction is used, else null (sampling with replacement) */
  readonly population: Float64Array | null;
  /** set on a `domainDesign`: the whole design and, for each of its forms, the form's index there */
  readonly domainOf?: { readonly design: SurveyDesign; readonly index: Int32Array };
}

/**
 * A domain of `design` (a breakdown group) as a design of its own forms only: form k is form `index[k]` of the whole
 * design (`index` ascending), with its weight and stratum. The strata keep their full sizes n_h (and N_h), so
 * `taylorVariance` over the domain's forms equals it over all forms with z = 0 outside the domain, and the
 * bootstrap gives the domain's forms the factors they get in the whole design (same seed). Estimation over it costs
 * O(domain forms) instead of O(all forms) — the breakdowns are linear in the forms.
 */
export function domainDesign(design: SurveyDesign, index: Int32Array): SurveyDesign {
  const whole = design.domainOf?.design ?? design;
  const at = design.domainOf ? index.map((k) => design.domainOf!.index[k]!) : index;
  const n = at.length;
  const weights = new Float64Array(n);
  const stratum = new Int32Array(n);
  const counts = new Int32Array(whole.strata.length);
  for (let k = 0; k < n; k++) {
    const i = at[k]!;
    if (k > 0 && i <= at[k - 1]!) throw new Error('domainDesign: form indices must be strictly ascending');
    weights[k] = whole.weights[i]!;
    stratum[k] = whole.stratum[i]!;
    counts[stratum[k]!]!++;
  }
  const members = Array.from(counts, (size) => new Int32Array(size));
  counts.fill(0);
  for (let k = 0; k < n; k++) members[stratum[k]!]![counts[stratum[k]!]!++] = k;
  return { n, weights, stratum, strata: whole.strata, stratumSize: whole.stratumSize, members, population: whole.population, domainOf: { design: whole, index: at } };
}

export interface DesignInput {
  /** stratum of each form; omitted = one stratum */
  strata?: ArrayLike<string>;
  /** weight of each form; omitted = 1 */
  weights?: ArrayLike<number>;
  /** number of forms, when neither `strata` nor `weights` is given */
  n?: number;
  /** N_h per stratum: with it the variance has the finite population correction 1 − n_h / N_h (R: `fpc = ~N`) */
  fpc?: PopulationSizes | null;
}

/** Builds a design. Throws SurveyInputError on a negative or non-finite weight or an fpc below the sample. */
export function surveyDesign(input: DesignInput): SurveyDesign {
  const n = input.strata?.length ?? input.weights?.length ?? input.n ?? 0;
  if (input.weights && input.weights.length !== n) {
    throw new SurveyInputError(`Có ${input.weights.length} trọng số cho ${n} phiếu.`, `${input.weights.length} weights for ${n} forms.`);
  }
  const weights = input.weights instanceof Float64Array ? Float64Array.from(input.weights) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = input.weights ? (input.weights instanceof Float64Array ? weights[i]! : Number(input.weights[i])) : 1;
    if (!(w >= 0) || w === Number.POSITIVE_INFINITY) {
      throw new SurveyInputError(`Phiếu thứ ${i + 1}: trọng số ${w} không hợp lệ.`, `Form ${i + 1}: invalid weight ${w}.`);
    }
    weights[i] = w;
  }
  const names: string[] = [];
  const at = new Map<string, number>();
  const stratum = new Int32Array(n);
  // forms of one stratum often come together: the previous form's stratum is tried before the map
  let lastName: string | null = null;
  let lastH = -1;
  for (let i = 0; i < n; i++) {
    const raw = input.strata ? input.strata[i] : '';
    const name = typeof raw === 'string' ? raw : String(raw);
    if (name === lastName) {
      stratum[i] = lastH;
      continue;
    }
    let h = at.get(name);
    if (h === undefined) {
      h = names.length;
      names.push(name);
      at.set(name, h);
    }
    stratum[i] = h;
    lastName = name;
    lastH = h;
  }
  const stratumSize = new Int32Array(names.length);
  for (let i = 0; i < n; i++) stratumSize[stratum[i]!]!++;
  const members = Array.from(stratumSize, (size) => new Int32Array(size));
  const fill = new Int32Array(names.length);
  for (let i = 0; i < n; i++) {
    const h = stratum[i]!;
    members[h]![fill[h]!++] = i;
  }
  let population: Float64Array | null = null;
  if (input.fpc) {
    population = new Float64Array(names.length);
    for (let h = 0; h < names.length; h++) {
      const name = names[h]!;
      const N = sizeOf(input.fpc, name);
      if (N === undefined || !Number.isFinite(N) || N < stratumSize[h]!) {
        throw new SurveyInputError(
          `Tầng "${name}": cỡ tổng thể ${N ?? '(thiếu)'} nhỏ hơn số phiếu ${stratumSize[h]} hoặc không hợp lệ.`,
          `Stratum "${name}": population ${N ?? '(missing)'} is missing, invalid or below its ${stratumSize[h]} forms.`,
        );
      }
      population[h] = N;
    }
  }
  return { n, weights, stratum, strata: names, stratumSize, members, population };
}

/**
 * A design from each form's stratum number (into `names`) and weight, without string keys per form (the CLI's streamed
 * forms, the database's cells): n_h and the forms of each stratum are counted in one pass. `population` (N_h per
 * stratum number) adds the fpc.
 */
export function designFromIndices(stratum: Int32Array, names: readonly string[], weights: Float64Array, population: Float64Array | null = null): SurveyDesign {
  const n = stratum.length;
  if (weights.length !== n) throw new SurveyInputError(`Có ${weights.length} trọng số cho ${n} phiếu.`, `${weights.length} weights for ${n} forms.`);
  const H = names.length;
  const stratumSize = new Int32Array(H);
  for (let i = 0; i < n; i++) {
    const h = stratum[i]!;
    if (h < 0 || h >= H) throw new SurveyInputError(`Phiếu thứ ${i + 1}: tầng ${h} không có.`, `Form ${i + 1}: no stratum ${h}.`);
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new SurveyInputError(`Phiếu thứ ${i + 1}: trọng số ${w} không hợp lệ.`, `Form ${i + 1}: invalid weight ${w}.`);
    stratumSize[h]!++;
  }
  const members = Array.from(stratumSize, (size) => new Int32Array(size));
  const fill = new Int32Array(H);
  for (let i = 0; i < n; i++) members[stratum[i]!]![fill[stratum[i]!]!++] = i;
  if (population) {
    for (let h = 0; h < H; h++) {
      if (!(population[h]! >= stratumSize[h]!)) {
        throw new SurveyInputError(`Tầng "${names[h]}": cỡ tổng thể ${population[h]} nhỏ hơn số phiếu ${stratumSize[h]}.`, `Stratum "${names[h]}": population ${population[h]} is below its ${stratumSize[h]} forms.`);
      }
    }
  }
  return { n, weights, stratum, strata: names, stratumSize, members, population };
}

export interface DesignWeights {
  /** w_i = N_h / n_h */
  weights: Float64Array;
  /** per sampled stratum: N_h, n_h and the weight */
  strata: { stratum: string; population: number; forms: number; weight: number }[];
  /** strata with a population but no form (their population is not represented) */
  unsampled: string[];
}

/**
 * Design weights of a stratified sample (issue 5, "Weighting"): w_i = N_h / n_h, N_h the population of the form's
 * stratum (a unit, or unit × level) and n_h the forms in it. Throws when a sampled stratum has no population
 * or one smaller than its forms.
 */
export function designWeights(strata: ArrayLike<string>, population: PopulationSizes): DesignWeights {
  const counts = new Map<string, number>();
  for (let i = 0; i < strata.length; i++) counts.set(String(strata[i]), (counts.get(String(strata[i])) ?? 0) + 1);
  const { rows, unsampled } = stratumWeights(counts, population);
  const byStratum = new Map(rows.map((r) => [r.stratum, r.weight]));
  const weights = new Float64Array(strata.length);
  for (let i = 0; i < strata.length; i++) weights[i] = byStratum.get(String(strata[i])) as number;
  return { weights, strata: rows, unsampled };
}

/**
 * Design weight per stratum, w_h = N_h / n_h, from the forms counted per stratum (`designWeights` without the forms:
 * what the database path uses). Throws when a sampled stratum has no population or fewer people than forms.
 */
export function stratumWeights(counts: ReadonlyMap<string, number>, population: PopulationSizes): { rows: DesignWeights['strata']; unsampled: string[] } {
  const rows: DesignWeights['strata'] = [];
  const bad: string[] = [];
  for (const [stratum, forms] of counts) {
    const N = sizeOf(population, stratum);
    if (N === undefined || !Number.isFinite(N) || N < forms) bad.push(`${stratum} (${N ?? '-'} < ${forms})`);
    else rows.push({ stratum, population: N, forms, weight: N / forms });
  }
  if (bad.length > 0) {
    throw new SurveyInputError(
      `Thiếu cỡ tổng thể hoặc cỡ tổng thể nhỏ hơn số phiếu ở tầng: ${bad.join(', ')}.`,
      `Population missing or below the number of forms for stratum: ${bad.join(', ')}.`,
    );
  }
  const unsampled = entriesOf(population)
    .filter(([s, N]) => !counts.has(s) && N > 0)
    .map(([s]) => s);
  return { rows, unsampled };
}

/** Kish's effective sample size n_eff = (Σw)² / Σw² (issue 5: reported beside the weights). */
export function kishEffectiveSize(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    s += w;
    s2 += w * w;
  }
  return s2 === 0 ? 0 : (s * s) / s2;
}

/**
 * Taylor-linearisation variance of a total of z over the stratified design, with replacement within strata
 * (R `survey`: svyrecvar / onestage):  V = Σ_h f_h · n_h / (n_h − 1) · Σ_{i∈h} (z_i − z̄_h)²,
 * z̄_h the mean of z over ALL n_h forms of stratum h (zeros outside a domain count), f_h = 1 − n_h / N_h with the fpc,
 * else 1. A stratum with a single form contributes 0 (R: options(survey.lonely.psu = "certainty")).
 * Over a `domainDesign` (m_h of the n_h forms of h present, z = 0 for the n_h − m_h others) the same sum is
 *   Σ_{i∈h} (z_i − z̄_h)² = Σ_{i∈h, present} (z_i − z̄_h)² + (n_h − m_h) · z̄_h²,  z̄_h = Σ_{present} z_i / n_h.
 */
export function taylorVariance(design: SurveyDesign, z: ArrayLike<number>): number {
  let v = 0;
  for (let h = 0; h < design.strata.length; h++) {
    const idx = design.members[h]!;
    const nh = design.stratumSize[h]!;
    const mh = idx.length;
    if (nh < 2) continue;
    let mean = 0;
    for (let j = 0; j < mh; j++) mean += z[idx[j]!]!;
    mean /= nh;
    let ss = 0;
    for (let j = 0; j < mh; j++) {
      const d = z[idx[j]!]! - mean;
      ss += d * d;
    }
    if (mh < nh) ss += (nh - mh) * mean * mean;
    const f = design.population ? 1 - nh / design.population[h]! : 1;
    v += (f * nh * ss) / (nh - 1);
  }
  return v;
}

/** A weighted mean over a domain, with its linearised influence values. */
export interface DomainMean {
  /** ȳ_d = Σ_d w_i y_i / Σ_d w_i; NaN when the domain is empty */
  estimate: number;
  /** forms in the domain */
  n: number;
  /** Σ_d w_i */
  weightSum: number;
  /** z_i = w_i (y_i − ȳ_d) / Σ_d w (ratio estimator), 0 outside the domain */
  influence: Float64Array;
}

function inMask(mask: ArrayLike<boolean | number> | null | undefined, i: number): boolean {
  return !mask || Boolean(mask[i]);
}

/**
 * Weighted mean of y over the domain {i : y_i is a number (not NaN) and within_i}, as R's
 * `svymean(~y, subset(design, !is.na(y) & within))`: the ratio estimator ȳ_d = Σ_d w y / Σ_d w, linearised as
 * z_i = w_i (y_i − ȳ_d) / Σ_d w inside the domain and 0 outside, so the variance keeps the full design's strata.
 */
export function domainMean(design: SurveyDesign, y: ArrayLike<number>, within?: ArrayLike<boolean | number> | null): DomainMean {
  if (y.length !== design.n) throw new SurveyInputError(`Có ${y.length} giá trị cho ${design.n} phiếu.`, `${y.length} values for ${design.n} forms.`);
  const w = design.weights;
  let sw = 0;
  let swy = 0;
  let n = 0;
  for (let i = 0; i < design.n; i++) {
    const v = y[i]!;
    if (Number.isNaN(v) || !inMask(within, i)) continue;
    n++;
    sw += w[i]!;
    swy += w[i]! * v;
  }
  const estimate = sw > 0 ? swy / sw : Number.NaN;
  const influence = new Float64Array(design.n);
  if (sw > 0) {
    for (let i = 0; i < design.n; i++) {
      const v = y[i]!;
      if (Number.isNaN(v) || !inMask(within, i)) continue;
      influence[i] = (w[i]! * (v - estimate)) / sw;
    }
  }
  return { estimate, n, weightSum: sw, influence };
}

export type EstimateWarning = 'small_n' | 'suppressed';

/** When an estimate is warned about and when it is suppressed (issue 5: below 30 and below 5 valid answers). */
export interface SmallNRules {
  warnBelow: number;
  suppressBelow: number;
}
export const SMALL_N_RULES: SmallNRules = { warnBelow: SMALL_N, suppressBelow: SUPPRESS_N };

/** An estimate as shown: null when suppressed (n < 5), with SE, 95 % CI and the count it rests on. */
export interface Estimate {
  estimate: number | null;
  se: number | null;
  /** estimate ± 1.96 SE (normal, as R's confint on svymean), cut to `bounds` */
  ci: [number, number] | null;
  /** valid answers (forms in the domain), unweighted */
  n: number;
  /** `small_n` when n < 30, `suppressed` when n < 5 (issue 5) */
  warning: EstimateWarning | null;
}

/** Estimate, SE and CI from a value and its variance, with the small-n rules; CI cut to [lo, hi]. */
export function toEstimate(value: number, variance: number, n: number, bounds: [number, number] = [0, 1], rules: SmallNRules = SMALL_N_RULES): Estimate {
  if (n < rules.suppressBelow || n === 0) return { estimate: null, se: null, ci: null, n, warning: 'suppressed' };
  if (!Number.isFinite(value)) return { estimate: null, se: null, ci: null, n, warning: null };
  const se = Math.sqrt(Math.max(0, variance));
  const lo = Math.max(bounds[0], value - Z95 * se);
  const hi = Math.min(bounds[1], value + Z95 * se);
  return { estimate: value, se, ci: [lo, hi], n, warning: n < rules.warnBelow ? 'small_n' : null };
}

/** How standard errors are computed: Taylor linearisation (default) or the seeded rescaling bootstrap. */
export type VarianceOption = { method: 'taylor' } | { method: 'bootstrap'; replicates: number; seed: number };
export const TAYLOR: VarianceOption = { method: 'taylor' };

/**
 * Rescaling bootstrap within strata (Rao–Wu–Yue with m_h = n_h − 1; R: as.svrepdesign(type = "subbootstrap")):
 * replicate b draws n_h − 1 forms with replacement in each stratum and multiplies form i's weight by
 * a_bi = m_bi · n_h / (n_h − 1), m_bi the times it was drawn. Strata with one form keep a_bi = 1. Seeded (mulberry32):
 * the same design and seed give the same replicates. The fpc is not applied. `each(b, a)` gets the factors a_b·.
 */
export function bootstrapFactors(design: SurveyDesign, replicates: number, seed: number, each: (b: number, factors: Float64Array) => void): void {
  if (!Number.isInteger(replicates) || replicates < 2) {
    throw new SurveyInputError(`Số lần lặp bootstrap phải là số nguyên ≥ 2 (${replicates}).`, `Bootstrap replicates must be an integer ≥ 2 (${replicates}).`);
  }
  if (design.domainOf) {
    domainBootstrapFactors(design, replicates, seed, each);
    return;
  }
  const rand = mulberry32(seed);
  const factors = new Float64Array(design.n);
  for (let b = 0; b < replicates; b++) {
    factors.fill(0);
    for (const idx of design.members) {
      const nh = idx.length;
      if (nh === 1) {
        factors[idx[0]!] = 1;
        continue;
      }
      const scale = nh / (nh - 1);
      for (let k = 0; k < nh - 1; k++) factors[idx[Math.floor(rand() * nh)]!]! += scale;
    }
    each(b, factors);
  }
}

/**
 * `bootstrapFactors` of a `domainDesign`: the factors its forms get in the whole design's replicates, drawn only in
 * the strata the domain touches. The whole design's stream makes Σ_h (n_h − 1) draws per replicate (strata with
 * n_h ≥ 2, in order), so stratum h's draws in replicate b start at draw b · Σ_h (n_h − 1) + Σ_{h' < h} (n_h' − 1).
 */
function domainBootstrapFactors(design: SurveyDesign, replicates: number, seed: number, each: (b: number, factors: Float64Array) => void): void {
  const { design: whole, index } = design.domainOf!;
  const start = new Float64Array(whole.strata.length);
  let perReplicate = 0;
  for (let h = 0; h < whole.strata.length; h++) {
    start[h] = perReplicate;
    if (whole.stratumSize[h]! >= 2) perReplicate += whole.stratumSize[h]! - 1;
  }
  // for each touched stratum: the domain form at each position of the whole stratum's member list (−1: none)
  const touched: { h: number; at: Int32Array }[] = [];
  for (let h = 0; h < whole.strata.length; h++) {
    const own = design.members[h]!;
    if (own.length === 0) continue;
    const all = whole.members[h]!;
    const at = new Int32Array(all.length).fill(-1);
    let j = 0;
    for (let p = 0; p < all.length && j < own.length; p++) if (all[p] === index[own[j]!]) at[p] = own[j++]!;
    touched.push({ h, at });
  }
  const factors = new Float64Array(design.n);
  for (let b = 0; b < replicates; b++) {
    factors.fill(0);
    for (const { h, at } of touched) {
      const nh = at.length;
      if (nh === 1) {
        factors[at[0]!] = 1;
        continue;
      }
      const rand = mulberry32After(seed, b * perReplicate + start[h]!);
      const scale = nh / (nh - 1);
      for (let k = 0; k < nh - 1; k++) {
        const p = at[Math.floor(rand() * nh)]!;
        if (p >= 0) factors[p]! += scale;
      }
    }
    each(b, factors);
  }
}

/** Bootstrap variance Σ_b (θ_b − θ̄)² / (B − 1) over the replicates that have a value (R: svrVar, mse = FALSE). */
export function replicateVariance(thetas: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let b = 0; b < thetas.length; b++) {
    if (Number.isFinite(thetas[b]!)) {
      sum += thetas[b]!;
      count++;
    }
  }
  if (count < 2) return Number.NaN;
  const mean = sum / count;
  let ss = 0;
  for (let b = 0; b < thetas.length; b++) {
    const t = thetas[b]!;
    if (Number.isFinite(t)) ss += (t - mean) * (t - mean);
  }
  return ss / (count - 1);
}

/** One domain to estimate a mean over: y (NaN = outside) and an optional mask. */
export interface MeanSpec {
  y: ArrayLike<number>;
  within?: ArrayLike<boolean | number> | null;
}

/**
 * Several domain means estimated together, so that any linear combination Σ c_k ȳ_k (a factor = mean of its items,
 * SIPAS = mean of factors) gets a consistent SE: by Taylor, the combination's influence Σ c_k z_ik (a form in several
 * domains contributes to each); by bootstrap, the combination of the replicate means with the same replicate weights.
 * A thin wrapper over the estimation core (estimation-core.ts): each mean is a column (NaN and `within` folded into
 * "outside"), pass 1 on construction, the questions' variances in one pass 2, a combination's in one pass when asked.
 */
export class DomainMeans {
  readonly means: readonly { estimate: number; n: number; weightSum: number }[];
  readonly variance: VarianceOption;
  readonly rules: SmallNRules;
  private readonly acc: Accumulators;
  private singles: Float64Array | null = null;
  private readonly replicates: Float64Array | null;
  private readonly cache = new Map<string, number>();

  constructor(
    readonly design: SurveyDesign,
    specs: readonly MeanSpec[],
    options: { variance?: VarianceOption; rules?: SmallNRules } = {},
  ) {
    this.variance = options.variance ?? TAYLOR;
    this.rules = options.rules ?? SMALL_N_RULES;
    this.acc = new Accumulators(design, specs.map((s) => valueColumn(s.y, design.n, s.within)), { of: null, count: 1 });
    const acc = this.acc;
    this.means = specs.map((_, k) => ({ estimate: acc.mean[k]!, n: acc.valid[k]!, weightSum: acc.weightSum[k]! }));
    this.replicates = this.variance.method === 'bootstrap' ? acc.replicateMeans(this.variance.replicates, this.variance.seed) : null;
  }

  /** Mean k as an Estimate (suppressed below 5 forms). */
  estimate(k: number, bounds: [number, number] = [0, 1]): Estimate {
    return this.combine([[k, 1]], bounds);
  }

  /** Forms in at least one of the domains `ks`. */
  formsIn(ks: readonly number[]): number {
    const set = [...new Set(ks)].sort((a, b) => a - b);
    if (set.length === 1) return this.acc.valid[set[0]!]!;
    const key = `set ${set.join(',')}`;
    let count = this.cache.get(key);
    if (count === undefined) {
      count = this.acc.setCounts([{ slots: [], sets: [set] }])[0]![0]!;
      this.cache.set(key, count);
    }
    return count;
  }

  /**
   * θ = Σ c_k ȳ_k with Var by linearisation (influence Σ c_k z_k) or bootstrap. n = forms in any of the domains
   * (the count the small-n rules apply to); `n` may be given instead.
   */
  combine(terms: readonly (readonly [number, number])[], bounds: [number, number] = [0, 1], n?: number): Estimate {
    if (terms.length === 0) return toEstimate(Number.NaN, 0, 0, bounds, this.rules);
    const count = n ?? this.formsIn(terms.map(([k]) => k));
    let value = 0;
    for (const [k, c] of terms) value += c * this.means[k]!.estimate;
    let variance: number;
    if (this.replicates) {
      const B = (this.variance as { replicates: number }).replicates;
      const theta = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        let t = 0;
        for (const [k, c] of terms) t += c * this.replicates[k * B + b]!;
        theta[b] = t;
      }
      variance = replicateVariance(theta);
    } else {
      const norm = normaliseTerms(terms);
      if (norm.terms.length === 0) variance = 0;
      else if (norm.terms.length === 1) {
        this.singles ??= this.acc.taylor([{ slots: [], sets: [] }]).single;
        variance = norm.scale * norm.scale * this.singles[norm.terms[0]![0]]!;
      } else {
        let v = this.cache.get(norm.key);
        if (v === undefined) {
          v = this.acc.taylor([{ slots: [norm.terms], sets: [] }]).slot[0]![0]!;
          this.cache.set(norm.key, v);
        }
        variance = norm.scale * norm.scale * v;
      }
    }
    return toEstimate(value, variance, count, bounds, this.rules);
  }
}

/**
 * `svymean(~y, subset(design, !is.na(y) & within))` as an Estimate: the weighted mean over the domain with its
 * Taylor (or bootstrap) SE and 95 % CI; suppressed below 5 forms, warned below 30.
 */
export function svyMean(
  design: SurveyDesign,
  y: ArrayLike<number>,
  options: { within?: ArrayLike<boolean | number> | null; variance?: VarianceOption; bounds?: [number, number]; rules?: SmallNRules } = {},
): Estimate {
  const means = new DomainMeans(design, [{ y, within: options.within ?? null }], options);
  return means.estimate(0, options.bounds ?? [-Infinity, Infinity]);
}
