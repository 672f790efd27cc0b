// The mask-based estimation the linear core (estimation-core.ts) replaced, kept verbatim as the reference of the
// equality tests (issue 10): every domain a full-length mask, every influence vector full length, one pass over all
// forms per combination. Test-only (node); never used by the engine.
import { DONT_KNOW, type LeadershipItem, type LeadershipOptions, type LeadershipResult, type LeadershipSheet } from '../leadership';
import { sipasFromMeans, sipasQuestions, satisfiedColumn, SIPAS_SCALE, type SipasFactorRef, type SipasGroupResult, type SipasMeansSource, type SipasOptions, type SipasResult } from '../sipas';
import {
  bootstrapFactors, domainMean, replicateVariance, SMALL_N_RULES, taylorVariance, surveyDesign, SurveyInputError, TAYLOR, toEstimate, Z95,
  type Estimate, type EstimateWarning, type SmallNRules, type SurveyDesign, type VarianceOption,
} from '../survey-design';

function inMask(mask: ArrayLike<boolean | number> | null | undefined, i: number): boolean {
  return !mask || Boolean(mask[i]);
}

/** One domain to estimate a mean over: y (NaN = outside) and an optional mask. */
interface MeanSpec {
  y: ArrayLike<number>;
  within?: ArrayLike<boolean | number> | null;
}

/**
 * Several domain means estimated together, so that any linear combination Σ c_k ȳ_k (a factor = mean of its items,
 * SIPAS = mean of factors) gets a consistent SE: by Taylor, the combination's influence Σ c_k z_ik (a form in several
 * domains contributes to each); by bootstrap, the combination of the replicate means with the same replicate weights.
 */
export class MaskDomainMeans {
  readonly means: readonly { estimate: number; n: number; weightSum: number }[];
  private readonly influence: readonly Float64Array[] | null;
  private readonly replicates: readonly Float64Array[] | null;
  private readonly inDomain: readonly Uint8Array[];

  readonly variance: VarianceOption;
  readonly rules: SmallNRules;

  constructor(
    readonly design: SurveyDesign,
    specs: readonly MeanSpec[],
    options: { variance?: VarianceOption; rules?: SmallNRules } = {},
  ) {
    const variance = options.variance ?? TAYLOR;
    this.variance = variance;
    this.rules = options.rules ?? SMALL_N_RULES;
    const means = specs.map((s) => domainMean(design, s.y, s.within));
    this.means = means.map(({ estimate, n, weightSum }) => ({ estimate, n, weightSum }));
    this.inDomain = specs.map((s) => {
      const d = new Uint8Array(design.n);
      for (let i = 0; i < design.n; i++) d[i] = !Number.isNaN(s.y[i]!) && inMask(s.within, i) ? 1 : 0;
      return d;
    });
    if (variance.method === 'taylor') {
      this.influence = means.map((m) => m.influence);
      this.replicates = null;
    } else {
      this.influence = null;
      const lists = specs.map((s, k) => {
        const d = this.inDomain[k]!;
        let count = 0;
        for (let i = 0; i < design.n; i++) count += d[i]!;
        const idx = new Int32Array(count);
        const wy = new Float64Array(count);
        const w = new Float64Array(count);
        let j = 0;
        for (let i = 0; i < design.n; i++) {
          if (!d[i]) continue;
          idx[j] = i;
          w[j] = design.weights[i]!;
          wy[j] = design.weights[i]! * s.y[i]!;
          j++;
        }
        return { idx, w, wy };
      });
      const reps = specs.map(() => new Float64Array(variance.replicates));
      bootstrapFactors(design, variance.replicates, variance.seed, (b, a) => {
        lists.forEach(({ idx, w, wy }, k) => {
          let num = 0;
          let den = 0;
          for (let j = 0; j < idx.length; j++) {
            const f = a[idx[j]!]!;
            num += f * wy[j]!;
            den += f * w[j]!;
          }
          reps[k]![b] = den > 0 ? num / den : Number.NaN;
        });
      });
      this.replicates = reps;
    }
  }

  /** Mean k as an Estimate (suppressed below 5 forms). */
  estimate(k: number, bounds: [number, number] = [0, 1]): Estimate {
    return this.combine([[k, 1]], bounds);
  }

  /** Forms in at least one of the domains `ks`. */
  formsIn(ks: readonly number[]): number {
    let n = 0;
    for (let i = 0; i < this.design.n; i++) if (ks.some((k) => this.inDomain[k]![i])) n++;
    return n;
  }

  /**
   * θ = Σ c_k ȳ_k with Var by linearisation (influence Σ c_k z_k) or bootstrap. n = forms in any of the domains
   * (the count the small-n rules apply to); `n` may be given instead.
   */
  combine(terms: readonly (readonly [number, number])[], bounds: [number, number] = [0, 1], n?: number): Estimate {
    const count = n ?? this.formsIn(terms.map(([k]) => k));
    let value = 0;
    for (const [k, c] of terms) value += c * this.means[k]!.estimate;
    if (terms.length === 0) return toEstimate(Number.NaN, 0, 0, bounds, this.rules);
    let variance: number;
    if (this.influence) {
      const z = new Float64Array(this.design.n);
      for (const [k, c] of terms) {
        const zk = this.influence[k]!;
        for (let i = 0; i < z.length; i++) z[i]! += c * zk[i]!;
      }
      variance = taylorVariance(this.design, z);
    } else {
      const reps = this.replicates as readonly Float64Array[];
      const B = reps[0]?.length ?? 0;
      const theta = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        let t = 0;
        for (const [k, c] of terms) t += c * reps[k]![b]!;
        theta[b] = t;
      }
      variance = replicateVariance(theta);
    }
    return toEstimate(value, variance, count, bounds, this.rules);
  }
}


/** sipasIndices as it was: one full-length satisfied column and mask per question. */
export function maskSipasIndices(design: SurveyDesign, answers: Readonly<Record<string, ArrayLike<number>>>, factors: readonly SipasFactorRef[], options: SipasOptions = {}): SipasResult {
  const scale = options.scale ?? SIPAS_SCALE;
  const within = options.within ?? null;
  const questions = sipasQuestions(factors, options.factorIndex ?? 'items', (id) => answers[id] !== undefined);
  const raws = questions.map((q) => answers[q.id] as ArrayLike<number>);
  const means = new MaskDomainMeans(design, raws.map((raw) => ({ y: satisfiedColumn(raw, scale), within })), options);
  let forms = 0;
  for (let i = 0; i < design.n; i++) if (!within || within[i]) forms++;
  const source: SipasMeansSource = {
    forms,
    estimate: (k) => means.estimate(k),
    combine: (terms, bounds) => means.combine(terms, bounds),
    formsIn: (ks) => means.formsIn(ks),
    counts: (k) => {
      const raw = raws[k]!;
      let dontKnow = 0;
      let blank = 0;
      for (let i = 0; i < design.n; i++) {
        if (within && !within[i]) continue;
        const v = raw[i]!;
        if (scale.dontKnow.includes(v)) dontKnow++;
        else if (!scale.valid.includes(v)) blank++;
      }
      return { dontKnow, blank };
    },
  };
  return sipasFromMeans(source, questions, factors, { ...options, variance: options.variance ?? TAYLOR });
}

/** The breakdown as it was before b869366: a full-length mask per group, sipasIndices over all n forms. */
export function maskBreakdown(design: SurveyDesign, answers: Readonly<Record<string, ArrayLike<number>>>, factors: readonly SipasFactorRef[],
  groups: ArrayLike<string | null | undefined>, options: SipasOptions = {}): SipasGroupResult[] {
  const names: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined || names.includes(g) || (options.within && !options.within[i])) continue;
    names.push(g);
  }
  return names.map((group) => {
    const within = Uint8Array.from({ length: design.n }, (_, i) => (groups[i] === group && (!options.within || options.within[i]) ? 1 : 0));
    const result = maskSipasIndices(design, answers, factors, { ...options, within });
    return { group, forms: result.forms, result };
  });
}

/** choiceShares as it was: one full-length 0/1/NaN column per option. */
export function maskChoiceShares(design: SurveyDesign, choices: ArrayLike<readonly unknown[] | null | undefined>, values: readonly (string | number)[],
  options: { within?: ArrayLike<boolean | number> | null; variance?: VarianceOption; rules?: SmallNRules } = {}): (Estimate & { value: string | number })[] {
  const answered = (i: number): boolean => Array.isArray(choices[i]) && (choices[i] as unknown[]).length > 0;
  const specs = values.map((v) => {
    const y = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) y[i] = answered(i) ? ((choices[i] as unknown[]).includes(v) ? 1 : 0) : Number.NaN;
    return { y, within: options.within ?? null };
  });
  const means = new MaskDomainMeans(design, specs, options);
  return values.map((value, k) => ({ value, ...means.estimate(k) }));
}

/** leadershipScores as it was: per item a Map of answer lists per group, the total's influence over all sheets. */
function meanAndVar(values: readonly number[]): { mean: number; varOfMean: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, varOfMean: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, varOfMean: ss / (n - 1) / n }; // s² / n (simple random sampling)
}

/**
 * Leadership points (PAR-INDEX.md §4), per sub-criterion k:
 * - pooled: score = max × ȳ, ȳ the mean weight over the n valid answers; SE = max × s / √n (simple random sampling);
 * - byGroup: score = max × (1/G) Σ_g ȳ_g over the G groups with valid answers; SE = max × √(Σ_g s_g² / n_g) / G
 *   (a group with one answer adds 0).
 * The total's SE linearises Σ_k score_k: z_i = Σ_k max_k · d_ik (y_ik − ȳ_k) / n_k (byGroup: ȳ_gk, n_gk, ÷ G_k),
 * V = N/(N−1) Σ_i (z_i − z̄)² (byGroup: per group, summed). Suppressed below 5 valid answers, warned below 30.
 */
export function referenceLeadershipScores(sheets: readonly LeadershipSheet[], options: LeadershipOptions): LeadershipResult {
  const byGroup = options.byGroup ?? false;
  const rules = options.rules ?? SMALL_N_RULES;
  const maxOf = (code: string): number =>
    typeof options.maxPoints === 'number' ? options.maxPoints : (options.maxPoints?.[code] ?? 1);
  const groupOf = (s: LeadershipSheet): string => (byGroup ? (s.group ?? '') : '');
  const groups = [...new Set(sheets.map(groupOf))];
  const z = new Float64Array(sheets.length);
  const items: LeadershipItem[] = options.codes.map((code) => {
    const max = maxOf(code);
    let dontKnow = 0;
    let blank = 0;
    const byG = new Map<string, number[]>();
    sheets.forEach((s) => {
      const a = s.answers[code];
      if (typeof a === 'number') {
        const g = groupOf(s);
        let list = byG.get(g);
        if (!list) byG.set(g, (list = []));
        list.push(a);
      } else if (a === DONT_KNOW) dontKnow++;
      else blank++;
    });
    const n = [...byG.values()].reduce((s, l) => s + l.length, 0);
    const dontKnowShare = n + dontKnow > 0 ? dontKnow / (n + dontKnow) : null;
    const stats = new Map([...byG].map(([g, l]) => [g, meanAndVar(l)]));
    const G = stats.size;
    const groupMeans = byGroup
      ? groups.map((group) => {
          const st = stats.get(group);
          const ng = byG.get(group)?.length ?? 0;
          return { group, n: ng, mean: st ? st.mean : null, se: st ? Math.sqrt(st.varOfMean) : null };
        })
      : null;
    const suppress = n < rules.suppressBelow || n === 0;
    const warning: EstimateWarning | null = suppress ? 'suppressed' : n < rules.warnBelow ? 'small_n' : null;
    const base = { code, max, n, dontKnow, dontKnowShare, blank, warning, groups: groupMeans };
    if (suppress) return { ...base, score: null, se: null, ci: null };
    let mean = 0;
    let variance = 0;
    for (const st of stats.values()) {
      mean += st.mean / G;
      variance += st.varOfMean / (G * G);
    }
    // linearised contribution of this item to the total (see above)
    sheets.forEach((s, i) => {
      const a = s.answers[code];
      if (typeof a !== 'number') return;
      const g = groupOf(s);
      z[i]! += (max * (a - (stats.get(g) as { mean: number }).mean)) / ((byG.get(g) as number[]).length * G);
    });
    const score = max * mean;
    const se = max * Math.sqrt(variance);
    return { ...base, score, se, ci: [Math.max(0, score - Z95 * se), Math.min(max, score + Z95 * se)] as [number, number] };
  });
  const scored = items.filter((it) => it.score !== null);
  const score = scored.reduce((s, it) => s + (it.score as number), 0);
  const max = items.reduce((s, it) => s + it.max, 0);
  let se: number | null = null;
  let ci: [number, number] | null = null;
  if (scored.length > 0) {
    const design = surveyDesign({ strata: sheets.map(groupOf) });
    se = Math.sqrt(taylorVariance(design, z));
    ci = [Math.max(0, score - Z95 * se), Math.min(max, score + Z95 * se)];
  }
  return { items, total: { score, max, se, ci, complete: scored.length === items.length }, byGroup, groups, sheets: sheets.length };
}
