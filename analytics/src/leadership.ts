// Leadership survey points (PAR-INDEX.md §4): each leadership sub-criterion scores 1 × the mean answer weight over
// valid answers ("Không biết" excluded), optionally averaged within respondent groups first; 22 points in all.
import { parseDecimal } from './numbers';
import { Accumulators, groupDomains, type CoreColumn } from './estimation-core';
import { type EstimateWarning, SMALL_N_RULES, type SmallNRules, surveyDesign, Z95 } from './survey-design';
import { fold } from './text';

/** An answer option (survey-forms `AnswerOption`): its value, labels, weight in [0, 1], or excluded ("Không biết"). */
export interface LeadershipOption {
  readonly value: string | number;
  readonly label?: { readonly vi: string; readonly en: string };
  readonly weight?: number;
  readonly excluded?: boolean;
}

/** An excluded answer ("Không biết"): outside the denominator, counted in the don't-know share. */
export const DONT_KNOW = 'dont_know' as const;
/** A read answer: its weight, "don't know", or null (blank). */
export type LeadershipAnswer = number | typeof DONT_KNOW | null;

/**
 * Reads one answer cell: an option's value (`very_good`), its label in Vietnamese or English (case- and
 * diacritic-insensitive: `Rất tốt`, `rat tot`, `Very good`), or a weight in [0, 1] (`0.75`, `0,75`).
 * Blank → null; an excluded option → DONT_KNOW; anything else → 'invalid'.
 */
export function leadershipAnswer(options: readonly LeadershipOption[], raw: unknown): LeadershipAnswer | 'invalid' {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (text === '') return null;
  const folded = fold(text);
  const option =
    options.find((o) => o.value === raw || String(o.value) === text) ??
    options.find((o) => o.label !== undefined && (fold(o.label.vi) === folded || fold(o.label.en) === folded));
  if (option) {
    if (option.excluded) return DONT_KNOW;
    return typeof option.weight === 'number' ? option.weight : 'invalid';
  }
  const v = typeof raw === 'number' ? raw : parseDecimal(text);
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : 'invalid';
}

export interface LeadershipSheet {
  /** the respondent group (HĐND delegates, department leaders …), from the invitation */
  readonly group?: string | null;
  /** sub-criterion code → the read answer */
  readonly answers: Readonly<Record<string, LeadershipAnswer>>;
}

export interface LeadershipOptions {
  /** the sub-criteria codes, in order (2.4.1 … 7.3.2) */
  codes: readonly string[];
  /** average within respondent groups first, then across the groups (PAR-INDEX.md §4) */
  byGroup?: boolean;
  /** points of a sub-criterion: max × mean weight; default 1 (PAR-INDEX.md §4) */
  maxPoints?: number | Readonly<Record<string, number>>;
  /** small-n rules (default: warn below 30, suppress below 5 valid answers) */
  rules?: SmallNRules;
}

export interface LeadershipGroupMean {
  group: string;
  n: number;
  mean: number | null;
  /** s_g / √n_g */
  se: number | null;
}

export interface LeadershipItem {
  code: string;
  max: number;
  /** max × mean weight (or × mean of the group means); null when suppressed (n < 5) */
  score: number | null;
  se: number | null;
  ci: [number, number] | null;
  /** valid answers */
  n: number;
  /** "Không biết" answers */
  dontKnow: number;
  /** dontKnow / (n + dontKnow): the share of the answers given that were "Không biết" */
  dontKnowShare: number | null;
  /** sheets with no answer to it */
  blank: number;
  warning: EstimateWarning | null;
  /** the groups' means, with byGroup */
  groups: LeadershipGroupMean[] | null;
}

export interface LeadershipResult {
  items: LeadershipItem[];
  /** Σ of the items' scores (22 points); `complete` false when an item is suppressed (its score is left out) */
  total: { score: number; max: number; se: number | null; ci: [number, number] | null; complete: boolean };
  byGroup: boolean;
  groups: string[];
  sheets: number;
}

/**
 * Leadership points (PAR-INDEX.md §4), per sub-criterion k:
 * - pooled: score = max × ȳ, ȳ the mean weight over the n valid answers; SE = max × s / √n (simple random sampling);
 * - byGroup: score = max × (1/G) Σ_g ȳ_g over the G groups with valid answers; SE = max × √(Σ_g s_g² / n_g) / G
 *   (a group with one answer adds 0).
 * The total's SE linearises Σ_k score_k: z_i = Σ_k max_k · d_ik (y_ik − ȳ_k) / n_k (byGroup: ȳ_gk, n_gk, ÷ G_k),
 * V = N/(N−1) Σ_i (z_i − z̄)² (byGroup: per group, summed). Suppressed below 5 valid answers, warned below 30.
 * By the estimation core (estimation-core.ts): one column per sub-criterion, the groups as domains and strata
 * (unweighted), pass 1 for the means, pass 2 for Σ (y − ȳ_g)² and the total's combination.
 */
export function leadershipScores(sheets: readonly LeadershipSheet[], options: LeadershipOptions): LeadershipResult {
  const byGroup = options.byGroup ?? false;
  const rules = options.rules ?? SMALL_N_RULES;
  const maxOf = (code: string): number =>
    typeof options.maxPoints === 'number' ? options.maxPoints : (options.maxPoints?.[code] ?? 1);
  const n = sheets.length;
  const groupOf = (s: LeadershipSheet): string => (byGroup ? (s.group ?? '') : '');
  const groupNames = sheets.map(groupOf);
  const { names: groups, domains } = groupDomains(groupNames, n);
  const design = surveyDesign({ strata: groupNames });
  const columns: CoreColumn[] = options.codes.map((code) => {
    const values = new Float64Array(n);
    const dontKnow = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = sheets[i]!.answers[code];
      values[i] = typeof a === 'number' ? a : Number.NaN;
      dontKnow[i] = a === DONT_KNOW ? 1 : 0;
    }
    return { bytes: null, offset: 0, stride: 1, table: null, dontKnow: null, values, valuesDontKnow: dontKnow };
  });
  const acc = new Accumulators(design, columns, domains);
  const K = options.codes.length;
  const D = domains.count;
  const at = (d: number, k: number) => d * K + k;
  // the groups with answers, the valid answers and the suppression of each item (the total's terms depend on them)
  const present = options.codes.map((_, k) => {
    let G = 0;
    let valid = 0;
    for (let d = 0; d < D; d++) if (acc.valid[at(d, k)]! > 0) { G++; valid += acc.valid[at(d, k)]!; }
    return { G, valid, suppress: valid < rules.suppressBelow || valid === 0 };
  });
  // the total's influence: Σ_k max_k / G_k · t_k in each group's domain (t = (y − ȳ_gk) / n_gk)
  const plans = Array.from({ length: D }, (_, d) => ({
    slots: [options.codes.flatMap((code, k) => (!present[k]!.suppress && acc.valid[at(d, k)]! > 0 ? [[k, maxOf(code) / present[k]!.G] as [number, number]] : []))],
    sets: [],
  }));
  const sums = acc.taylor(plans);
  const items: LeadershipItem[] = options.codes.map((code, k) => {
    const max = maxOf(code);
    const { G, valid: nValid, suppress } = present[k]!;
    let dontKnow = 0;
    for (let d = 0; d < D; d++) dontKnow += acc.dontKnow[at(d, k)]!;
    const blank = n - nValid - dontKnow;
    const dontKnowShare = nValid + dontKnow > 0 ? dontKnow / (nValid + dontKnow) : null;
    // per group: ȳ_g and s_g² / n_g (simple random sampling), Σ (y − ȳ_g)² = W² · Σ t² with unit weights
    const varOfMean = (d: number): number => {
      const ng = acc.valid[at(d, k)]!;
      if (ng < 2) return 0;
      const ss = sums.sumSquares[at(d, k)]! * ng * ng;
      return ss / (ng - 1) / ng;
    };
    const groupMeans = byGroup
      ? groups.map((group, d) => {
        const ng = acc.valid[at(d, k)]!;
        return { group, n: ng, mean: ng > 0 ? acc.mean[at(d, k)]! : null, se: ng > 0 ? Math.sqrt(varOfMean(d)) : null };
      })
      : null;
    const warning: EstimateWarning | null = suppress ? 'suppressed' : nValid < rules.warnBelow ? 'small_n' : null;
    const base = { code, max, n: nValid, dontKnow, dontKnowShare, blank, warning, groups: groupMeans };
    if (suppress) return { ...base, score: null, se: null, ci: null };
    let mean = 0;
    let variance = 0;
    for (let d = 0; d < D; d++) {
      if (acc.valid[at(d, k)]! === 0) continue;
      mean += acc.mean[at(d, k)]! / G;
      variance += varOfMean(d) / (G * G);
    }
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
    // the groups are the strata: the total's variance is the sum of its slot's variance in each group
    let V = 0;
    for (let d = 0; d < D; d++) V += sums.slot[d]![0]!;
    se = Math.sqrt(Math.max(0, V));
    ci = [Math.max(0, score - Z95 * se), Math.min(max, score + Z95 * se)];
  }
  return { items, total: { score, max, se, ci, complete: scored.length === items.length }, byGroup, groups, sheets: n };
}
