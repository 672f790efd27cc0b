// SIPAS indices (PAR-INDEX.md §3): item, factor, part and overall satisfaction indices from the forms, weighted,
// with standard errors and 95 % CIs; the PAR points of 8.1.1–8.1.5; breakdowns; shares of a multi-choice question.
import type { CriteriaSet } from './types';
import {
  Accumulators, binaryColumn, estimateDomains, groupDomains, scaleColumn, wholeDomain, BLANK_CODE,
  type AnswerColumn, type Domains,
} from './estimation-core';
import { type Estimate, type SmallNRules, type SurveyDesign, SurveyInputError, TAYLOR, type VarianceOption } from './survey-design';

/** A factor of a SIPAS questionnaire: its item question ids, its overall question, its part (survey-forms `listFactors`). */
export interface SipasFactorRef {
  readonly factor: string;
  readonly items: readonly string[];
  readonly overall?: string;
  /** 'service' | 'policy' (sipas-2023); factors without a part form one part */
  readonly part?: string;
}

/** Which answer codes are valid and which count as satisfied (PAR-INDEX.md §3). */
export interface SipasScale {
  /** valid answers: the 5-level scale 1–5 */
  readonly valid: readonly number[];
  /** Hài lòng (4) and Rất hài lòng (5) */
  readonly satisfied: readonly number[];
  /** "Không biết / không trả lời" (9): outside the denominators, counted apart */
  readonly dontKnow: readonly number[];
}
export const SIPAS_SCALE: SipasScale = { valid: [1, 2, 3, 4, 5], satisfied: [4, 5], dontKnow: [9] };

/** The PAR points a factor gives: criteria-set leaf `code` (8.1.k) with its maximum. */
export interface SipasPoints {
  factor: string;
  code: string;
  max: number;
}

/**
 * The SIPAS leaves of a criteria set (source `sipas`, printed order: 8.1.1 … 8.1.5) paired in order with the given
 * factors (f1 … f5). PAR-INDEX.md §1: 8.1.1 access 1.5, 8.1.2 procedures 1.5, 8.1.3 civil servants 2.5,
 * 8.1.4 results 2.5, 8.1.5 feedback 2.0. Throws when the counts differ.
 */
export function sipasPointsMap(set: CriteriaSet, factors: readonly string[]): SipasPoints[] {
  const leaves = set.criteria.filter((c) => c.source === 'sipas');
  if (leaves.length !== factors.length) {
    throw new SurveyInputError(
      `Bộ tiêu chí ${set.code} có ${leaves.length} tiêu chí SIPAS nhưng có ${factors.length} yếu tố.`,
      `Criteria set ${set.code} has ${leaves.length} SIPAS leaves but ${factors.length} factors were given.`,
    );
  }
  return leaves.map((c, i) => ({ factor: factors[i] as string, code: c.code, max: c.maxPoints }));
}

/** Answer values of the given questions, one Float64Array per question: numbers as stored (or numeric strings), else NaN. */
export function answerColumns(forms: readonly Readonly<Record<string, unknown>>[], ids: readonly string[]): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const id of ids) {
    const col = new Float64Array(forms.length);
    forms.forEach((f, i) => {
      const v = f[id];
      col[i] = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : Number.NaN;
    });
    out[id] = col;
  }
  return out;
}

/**
 * The same answers as one byte a form (`BLANK_CODE` for a blank, an unreadable value or a number that is not a whole
 * 0–254): an eighth of `answerColumns`' memory, read in place by the estimation core with the default scale.
 */
export function answerCodes(forms: readonly Readonly<Record<string, unknown>>[], ids: readonly string[]): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const id of ids) out[id] = new Uint8Array(forms.length).fill(BLANK_CODE);
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    for (const id of ids) {
      const v = f[id];
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (Number.isInteger(x) && x >= 0 && x < BLANK_CODE) out[id]![i] = x;
    }
  }
  return out;
}

/** 1 when the answer is satisfied (4, 5), 0 when valid but not (1–3), NaN otherwise (9 "don't know", blank): PAR-INDEX.md §3. */
export function satisfiedColumn(raw: ArrayLike<number>, scale: SipasScale = SIPAS_SCALE): Float64Array {
  const y = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    y[i] = scale.satisfied.includes(v) ? 1 : scale.valid.includes(v) ? 0 : Number.NaN;
  }
  return y;
}

export interface SipasOptions {
  /** factor index = mean of its item indices (default), or the index of its overall question (PAR-INDEX.md §3) */
  factorIndex?: 'items' | 'overall';
  /** PAR points per factor (`sipasPointsMap`) */
  points?: readonly SipasPoints[];
  /** Taylor (default) or the seeded bootstrap */
  variance?: VarianceOption;
  /** only these forms (a unit, a level, a demographic group) */
  within?: ArrayLike<boolean | number> | null;
  scale?: SipasScale;
  /** small-n rules (default: warn below 30, suppress below 5 valid answers) */
  rules?: SmallNRules;
}

export interface SipasItemResult extends Estimate {
  id: string;
  factor: string;
  /** forms (in `within`) answering "don't know" (9) */
  dontKnow: number;
  /** forms (in `within`) with no answer */
  blank: number;
}

export interface SipasFactorPoints {
  code: string;
  max: number;
  /** max × factor index */
  points: number | null;
  se: number | null;
  ci: [number, number] | null;
}

export interface SipasFactorResult extends Estimate {
  factor: string;
  part: string | null;
  method: 'items' | 'overall';
  /** the items averaged (items method); the overall question (overall method) */
  items: string[];
  /** items left out because they are suppressed (fewer than 5 valid answers) */
  omitted: string[];
  /** the index of the factor's overall question, when it has one */
  overallQuestion: Estimate | null;
  points: SipasFactorPoints | null;
}

export interface SipasPartResult extends Estimate {
  part: string;
  factors: string[];
  omitted: string[];
}

export interface SipasResult {
  /** forms in `within` */
  forms: number;
  items: SipasItemResult[];
  factors: SipasFactorResult[];
  parts: SipasPartResult[];
  /** mean of the part indices (sipas-2023: mean(policy, service)); one part: mean of the factor indices */
  sipas: Estimate & { parts: string[] };
  /** Σ of the factors' points (SIPAS 8.1), null when a mapped factor is suppressed or no points were given */
  points: (Estimate & { max: number; codes: string[] }) | null;
  variance: 'taylor' | 'bootstrap';
}

type Terms = [number, number][];

const scaleTerms = (terms: Terms, c: number): Terms => terms.map(([k, v]) => [k, v * c]);

/** An average none of whose parts has an estimate (all suppressed). */
function suppressed(n: number): Estimate {
  return { estimate: null, se: null, ci: null, n, warning: 'suppressed' };
}

/**
 * SIPAS indices (PAR-INDEX.md §3) over the forms of `design` (in `options.within`):
 * - item index = weighted share of valid answers (1–5; 9 and blank excluded) that are 4 or 5, a domain mean;
 * - factor index = mean of its item indices (or its overall question's index);
 * - part index = mean of its factors' indices; SIPAS = mean of the part indices (one part: mean of the factors);
 * - points 8.1.k = max × factor index; 8.1 = Σ points.
 * Indices are shares in [0, 1]. SEs by Taylor linearisation of these averages of domain means (or bootstrap).
 * Items with fewer than 5 valid answers are suppressed and left out of their factor's mean (listed in `omitted`).
 */
export function sipasIndices(
  design: SurveyDesign,
  answers: Readonly<Record<string, AnswerColumn>>,
  factors: readonly SipasFactorRef[],
  options: SipasOptions = {},
): SipasResult {
  return sipasOverDomains(design, answers, factors, wholeDomain(design.n, options.within), options)[0]!;
}

/**
 * The SIPAS results of every domain of `domains` from one run of the estimation core (estimation-core.ts): pass 1
 * over the answer columns (bytes read in place), the rules per domain, pass 2 (Taylor) or the shared bootstrap
 * replicates, the rules again with the variances. O(forms × questions) + O(strata × domains × questions).
 */
export function sipasOverDomains(
  design: SurveyDesign,
  answers: Readonly<Record<string, AnswerColumn>>,
  factors: readonly SipasFactorRef[],
  domains: Domains,
  options: SipasOptions = {},
): SipasResult[] {
  const scale = options.scale ?? SIPAS_SCALE;
  const questions = sipasQuestions(factors, options.factorIndex ?? 'items', (id) => answers[id] !== undefined);
  const missing = questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
  if (missing.length > 0) throw new SurveyInputError(`Thiếu câu trả lời của: ${missing.join(', ')}.`, `No answers for: ${missing.join(', ')}.`);
  const columns = questions.map((q) => scaleColumn(answers[q.id]!, design.n, scale));
  const acc = new Accumulators(design, columns, domains);
  const variance = options.variance ?? TAYLOR;
  return estimateDomains(acc, variance, options.rules, (means) => sipasFromMeans(means, questions, factors, { ...options, variance }));
}

/** A question the SIPAS indices rest on: an item, or a factor's overall question (k = its position in the list). */
export interface SipasQuestion {
  id: string;
  factor: string;
  item: boolean;
}

/**
 * The questions of `sipasIndices`, in the order their means are indexed: each factor's items, then its overall
 * question when it has answers (`has`). The overall method needs every factor's overall question.
 */
export function sipasQuestions(factors: readonly SipasFactorRef[], method: 'items' | 'overall', has: (id: string) => boolean): SipasQuestion[] {
  const questions: SipasQuestion[] = [];
  for (const f of factors) {
    for (const id of f.items) questions.push({ id, factor: f.factor, item: true });
    if (f.overall !== undefined && has(f.overall)) questions.push({ id: f.overall, factor: f.factor, item: false });
    else if (method === 'overall') {
      throw new SurveyInputError(`Yếu tố ${f.factor} không có câu hỏi đánh giá chung.`, `Factor ${f.factor} has no overall question answers.`);
    }
  }
  return questions;
}

/**
 * The domain means behind the SIPAS indices, wherever they come from: the forms themselves (`DomainMeans`) or
 * per-stratum sufficient statistics computed in the database (`StratumStatsMeans`). k indexes `sipasQuestions`.
 */
export interface SipasMeansSource {
  /** forms in the domain */
  readonly forms: number;
  /** the satisfied share of question k as an Estimate */
  estimate(k: number): Estimate;
  /** Σ c_k ȳ_k with its SE (the small-n rules apply to the forms answering any of the k) */
  combine(terms: readonly (readonly [number, number])[], bounds?: [number, number]): Estimate;
  /** forms with a valid answer to at least one of the questions ks */
  formsIn(ks: readonly number[]): number;
  /** forms answering "don't know" and forms with no valid answer to question k */
  counts(k: number): { dontKnow: number; blank: number };
}

/** The SIPAS rules (items → factors → parts → SIPAS, points) over any source of domain means. */
export function sipasFromMeans(
  means: SipasMeansSource,
  questions: readonly SipasQuestion[],
  factors: readonly SipasFactorRef[],
  options: Pick<SipasOptions, 'factorIndex' | 'points'> & { variance: VarianceOption },
): SipasResult {
  const method = options.factorIndex ?? 'items';
  const at = new Map(questions.map((q, k) => [q.id, k]));
  const forms = means.forms;
  const items: SipasItemResult[] = [];
  questions.forEach((q, k) => {
    if (!q.item) return;
    items.push({ id: q.id, factor: q.factor, ...means.estimate(k), ...means.counts(k) });
  });
  const itemById = new Map(items.map((r) => [r.id, r]));

  const factorTerms = new Map<string, Terms>();
  const factorResults: SipasFactorResult[] = factors.map((f) => {
    const overallK = f.overall !== undefined ? at.get(f.overall) : undefined;
    const overallQuestion = overallK !== undefined ? means.estimate(overallK) : null;
    let used: string[];
    let terms: Terms;
    if (method === 'overall') {
      used = overallQuestion !== null && overallQuestion.estimate !== null ? [f.overall as string] : [];
      terms = used.length > 0 ? [[overallK as number, 1]] : [];
    } else {
      used = f.items.filter((id) => itemById.get(id)?.estimate !== null);
      terms = used.map((id) => [at.get(id) as number, 1 / used.length]);
    }
    const omitted = method === 'items' ? f.items.filter((id) => !used.includes(id)) : [];
    const all = method === 'overall' ? (overallK !== undefined ? [overallK] : []) : f.items.map((id) => at.get(id) as number);
    const est = terms.length > 0 ? means.combine(terms) : suppressed(means.formsIn(all));
    if (terms.length > 0) factorTerms.set(f.factor, terms);
    const map = options.points?.find((p) => p.factor === f.factor);
    let points: SipasFactorPoints | null = null;
    if (map) {
      // PAR-INDEX.md §3: points for 8.1.k = max points × factor index
      const p = terms.length > 0 ? means.combine(scaleTerms(terms, map.max), [0, map.max]) : null;
      points = { code: map.code, max: map.max, points: p?.estimate ?? null, se: p?.se ?? null, ci: p?.ci ?? null };
    }
    return { factor: f.factor, part: f.part ?? null, method, items: used, omitted, overallQuestion, points, ...est };
  });

  const partNames = [...new Set(factors.map((f) => f.part ?? ''))];
  const partTerms = new Map<string, Terms>();
  const parts: SipasPartResult[] = partNames.map((part) => {
    const members = factors.filter((f) => (f.part ?? '') === part).map((f) => f.factor);
    const present = members.filter((f) => factorTerms.has(f));
    const terms = present.flatMap((f) => scaleTerms(factorTerms.get(f) as Terms, 1 / present.length));
    const allK = factors.filter((f) => (f.part ?? '') === part).flatMap((f) => f.items.map((id) => at.get(id) as number));
    const est = terms.length > 0 ? means.combine(terms) : suppressed(means.formsIn(allK));
    if (terms.length > 0) partTerms.set(part, terms);
    return { part, factors: present, omitted: members.filter((f) => !present.includes(f)), ...est };
  });

  const presentParts = partNames.filter((p) => partTerms.has(p));
  const sipasTerms = presentParts.flatMap((p) => scaleTerms(partTerms.get(p) as Terms, 1 / presentParts.length));
  const allItems = questions.flatMap((q, k) => (q.item ? [k] : []));
  const sipas = { ...(sipasTerms.length > 0 ? means.combine(sipasTerms) : suppressed(means.formsIn(allItems))), parts: presentParts };

  let points: SipasResult['points'] = null;
  if (options.points && options.points.length > 0) {
    const max = options.points.reduce((s, p) => s + p.max, 0);
    const codes = options.points.map((p) => p.code);
    const complete = options.points.every((p) => factorTerms.has(p.factor));
    if (complete) {
      const terms = options.points.flatMap((p) => scaleTerms(factorTerms.get(p.factor) as Terms, p.max));
      points = { ...means.combine(terms, [0, max]), max, codes };
    } else {
      points = { ...suppressed(means.formsIn(allItems)), max, codes };
    }
  }
  return { forms, items, factors: factorResults, parts, sipas, points, variance: options.variance.method };
}

/** Each form's answer to a single-choice question (gov_level, gender, education …) as a breakdown group; null when not answered. */
export function answerGroups(forms: readonly Readonly<Record<string, unknown>>[], questionId: string): (string | null)[] {
  return forms.map((f) => {
    const v = f[questionId];
    return v === null || v === undefined || v === '' || Array.isArray(v) ? null : String(v);
  });
}

/**
 * Age bands from years of birth for a breakdown or a raking margin: age = interviewYear − birth year; `starts` are the
 * bands' first ages (default 18, 35, 55 → '18-34', '35-54', '55+'); below the first or no year → null.
 */
export function ageBands(birthYears: ArrayLike<number | null | undefined>, interviewYear: number, starts: readonly number[] = [18, 35, 55]): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < birthYears.length; i++) {
    const y = birthYears[i];
    const age = typeof y === 'number' && Number.isFinite(y) ? interviewYear - y : Number.NaN;
    let band: string | null = null;
    starts.forEach((start, k) => {
      const next = starts[k + 1];
      if (age >= start && (next === undefined || age < next)) band = next === undefined ? `${start}+` : `${start}-${next - 1}`;
    });
    out.push(band);
  }
  return out;
}

export interface SipasGroupResult {
  group: string;
  forms: number;
  result: SipasResult;
}

/**
 * The indices per group (issue 5: breakdowns by unit, level of government, each demographic): `groups[i]` is form i's
 * group (null / undefined = left out), groups in order of first appearance. Each group is a domain of the whole design
 * (its SEs keep all strata, as R's svyby does). Linear in the forms: the forms are partitioned by group once and each
 * group is estimated over its own forms only (`domainDesign`: the strata keep their full n_h, N_h, and the bootstrap
 * factors of the whole design), since a form outside a domain only adds z_i = 0 to its stratum:
 *   V_d = Σ_h f_h · n_h / (n_h − 1) · [Σ_{i∈h∩d} z_i² − (Σ_{i∈h∩d} z_i)² / n_h].
 */
export function sipasBreakdown(
  design: SurveyDesign,
  answers: Readonly<Record<string, AnswerColumn>>,
  factors: readonly SipasFactorRef[],
  groups: ArrayLike<string | null | undefined>,
  options: SipasOptions = {},
): SipasGroupResult[] {
  const { names, domains } = groupDomains(groups, design.n, options.within);
  const results = sipasOverDomains(design, answers, factors, domains, { ...options, within: null });
  return names.map((group, k) => ({ group, forms: results[k]!.forms, result: results[k]! }));
}

/**
 * `sipasIndices` and `sipasBreakdown` of the same forms in one run of the core: pass 1 reads every answer once (the
 * overall sums are the groups' plus those of the forms in no group), the bootstrap draws each replicate once for the
 * whole and every group, pass 2 visits each form once. Same figures as the two calls (to rounding, 1e-12).
 */
export function sipasWithBreakdown(
  design: SurveyDesign,
  answers: Readonly<Record<string, AnswerColumn>>,
  factors: readonly SipasFactorRef[],
  groups: ArrayLike<string | null | undefined>,
  options: SipasOptions = {},
): { overall: SipasResult; groups: SipasGroupResult[] } {
  const within = options.within ?? null;
  const { names, domains } = groupDomains(groups, design.n, within);
  const results = sipasOverDomains(design, answers, factors, { ...domains, overall: { within } }, { ...options, within: null });
  return { overall: results[names.length]!, groups: names.map((group, k) => ({ group, forms: results[k]!.forms, result: results[k]! })) };
}

/**
 * Shares of a multi-choice question (PAR-INDEX.md §3: "what should be improved", up to 3): for each option, the
 * weighted share of the forms that answered the question (a non-empty list) which chose it — a domain mean of
 * 0/1, so the shares add up to more than 1 when several choices are allowed.
 */
export function choiceShares(
  design: SurveyDesign,
  choices: ArrayLike<readonly unknown[] | null | undefined>,
  values: readonly (string | number)[],
  options: { within?: ArrayLike<boolean | number> | null; variance?: VarianceOption; rules?: SmallNRules } = {},
): (Estimate & { value: string | number })[] {
  if (choices.length !== design.n) throw new SurveyInputError(`Có ${choices.length} câu trả lời cho ${design.n} phiếu.`, `${choices.length} answers for ${design.n} forms.`);
  const columns = values.map(() => new Uint8Array(design.n));
  for (let i = 0; i < design.n; i++) {
    const list = choices[i];
    const answered = Array.isArray(list) && list.length > 0;
    for (let k = 0; k < values.length; k++) columns[k]![i] = answered ? ((list as unknown[]).includes(values[k]) ? 1 : 0) : BLANK_CODE;
  }
  return choiceSharesOfColumns(design, columns, values, options);
}

/**
 * Shares of a multi-choice question from one byte column per option (1 chose, 0 did not, 255 did not answer the
 * question), e.g. strided over stored form codes: a domain mean of 0/1 each, by the estimation core.
 */
export function choiceSharesOfColumns(
  design: SurveyDesign,
  columns: readonly (Uint8Array | { codes: Uint8Array; offset: number; stride: number })[],
  values: readonly (string | number)[],
  options: { within?: ArrayLike<boolean | number> | null; variance?: VarianceOption; rules?: SmallNRules } = {},
): (Estimate & { value: string | number })[] {
  const acc = new Accumulators(design, columns.map((c) => binaryColumn(c)), wholeDomain(design.n, options.within));
  return estimateDomains(acc, options.variance ?? TAYLOR, options.rules, (means) => values.map((value, k) => ({ value, ...means.estimate(k) })))[0]!;
}
