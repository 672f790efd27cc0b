// Leadership survey points (PAR-INDEX.md §4): each leadership sub-criterion scores 1 × the mean answer weight over
// valid answers ("Không biết" excluded), optionally averaged within respondent groups first; 22 points in all.
import { parseDecimal } from './numbers';
import { type EstimateWarning, SMALL_N_RULES, type SmallNRules, surveyDesign, taylorVariance, Z95 } from './survey-design';
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
export function leadershipScores(sheets: readonly LeadershipSheet[], options: LeadershipOptions): LeadershipResult {
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
