// A form's SIPAS answers as compact bytes (the database stores them beside the JSON, `sipas_form.analysis_codes`),
// and the per-cell sums sipas-stats.ts needs, computed from a cell's concatenated bytes: pass 1 (counts) and pass 2
// (Σ (t − t̄)² of planned combinations). Reading a million forms this way costs one grouped query and a few hundred
// million byte lookups instead of a million decoded JSON objects.
import { BLANK_CODE, type StridedCodes } from './estimation-core';
import { choiceSharesOfColumns, sipasOverDomains, type SipasFactorRef, type SipasOptions, type SipasQuestion, type SipasResult } from './sipas';
import type { StatsSlot } from './sipas-stats';
import { designFromIndices, type Estimate, type SmallNRules } from './survey-design';

export { BLANK_CODE };

/**
 * Byte layout of a form's codes: one byte per scale question (0–9 as answered, 255 blank), then, when the
 * questionnaire has a multi-choice question whose shares are wanted, one byte "answered" (0/1) and one per option (0/1).
 */
export interface CodesLayout {
  scale: number;
  choiceOptions: number | null;
}

export const strideOf = (layout: CodesLayout): number => layout.scale + (layout.choiceOptions === null ? 0 : 1 + layout.choiceOptions);

/** Encodes one form (scale codes in layout order; the choice question's chosen option indices, or null when unanswered). */
export function encodeCodes(layout: CodesLayout, scale: readonly (number | null)[], chosen: readonly number[] | null): Uint8Array {
  const out = new Uint8Array(strideOf(layout));
  for (let k = 0; k < layout.scale; k++) {
    const v = scale[k];
    out[k] = v !== null && v !== undefined && Number.isInteger(v) && v >= 0 && v <= 9 ? v : BLANK_CODE;
  }
  if (layout.choiceOptions !== null && chosen !== null && chosen.length > 0) {
    out[layout.scale] = 1;
    for (const j of chosen) if (j >= 0 && j < layout.choiceOptions) out[layout.scale + 1 + j] = 1;
  }
  return out;
}

/** 2 satisfied (4, 5), 1 valid but not satisfied (1–3), 0 otherwise (9 "don't know", blank): PAR-INDEX.md §3. */
const STATE = new Uint8Array(256);
STATE[1] = 1;
STATE[2] = 1;
STATE[3] = 1;
STATE[4] = 2;
STATE[5] = 2;
const DONT_KNOW = 9;

export interface CellCounts {
  forms: number;
  valid: number[];
  satisfied: number[];
  dontKnow: number[];
  anyValid: number[];
  /** forms answering the choice question, and choosing each option */
  answered: number;
  chose: number[];
}

/**
 * Pass 1 over a cell's bytes: per question (byte offsets `positions`) valid / satisfied / don't-know counts, per set
 * (indices into `positions`) the forms answering any of it validly, and the choice question's counts.
 */
export function cellCounts(bytes: Uint8Array, layout: CodesLayout, positions: readonly number[], sets: readonly (readonly number[])[]): CellCounts {
  const stride = strideOf(layout);
  if (bytes.length % stride !== 0) throw new Error(`codes of ${bytes.length} bytes are not whole forms of ${stride} bytes`);
  const forms = bytes.length / stride;
  const K = positions.length;
  const valid = new Array<number>(K).fill(0);
  const satisfied = new Array<number>(K).fill(0);
  const dontKnow = new Array<number>(K).fill(0);
  const anyValid = new Array<number>(sets.length).fill(0);
  const options = layout.choiceOptions ?? 0;
  const chose = new Array<number>(options).fill(0);
  let answered = 0;
  const setPositions = sets.map((s) => s.map((k) => positions[k]!));
  for (let base = 0; base < bytes.length; base += stride) {
    for (let k = 0; k < K; k++) {
      const c = bytes[base + positions[k]!]!;
      const s = STATE[c]!;
      if (s > 0) {
        valid[k]!++;
        if (s === 2) satisfied[k]!++;
      } else if (c === DONT_KNOW) dontKnow[k]!++;
    }
    for (let j = 0; j < setPositions.length; j++) {
      const set = setPositions[j]!;
      for (let i = 0; i < set.length; i++) {
        if (STATE[bytes[base + set[i]!]!]! > 0) {
          anyValid[j]!++;
          break;
        }
      }
    }
    if (options > 0 && bytes[base + layout.scale] === 1) {
      answered++;
      for (let j = 0; j < options; j++) if (bytes[base + layout.scale + 1 + j] === 1) chose[j]!++;
    }
  }
  return { forms, valid, satisfied, dontKnow, anyValid, answered, chose };
}

/** Forms of a cell answering any of the byte offsets validly (a question set outside the planned ones). */
export function cellAnyValid(bytes: Uint8Array, layout: CodesLayout, offsets: readonly number[]): number {
  const stride = strideOf(layout);
  let n = 0;
  for (let base = 0; base < bytes.length; base += stride) {
    for (let i = 0; i < offsets.length; i++) {
      if (STATE[bytes[base + offsets[i]!]!]! > 0) {
        n++;
        break;
      }
    }
  }
  return n;
}

/**
 * Pass 2 over a cell's bytes: for each slot, Σ_i (t_i − t̄)² with t_i = Σ_k (satisfied ? sat[k] : valid ? unsat[k] : 0)
 * over the slot's questions (k indexes `positions`); two passes over the cell's t values, as var_pop would.
 */
export function cellSumsOfSquares(bytes: Uint8Array, layout: CodesLayout, positions: readonly number[], slots: readonly StatsSlot[]): number[] {
  const stride = strideOf(layout);
  const forms = bytes.length / stride;
  const t = new Float64Array(forms);
  return slots.map((slot) => {
    const ks: number[] = [];
    for (let k = 0; k < slot.sat.length; k++) if (slot.sat[k] !== 0 || slot.unsat[k] !== 0) ks.push(k);
    const offsets = Int32Array.from(ks, (k) => positions[k]!);
    const sat = Float64Array.from(ks, (k) => slot.sat[k]!);
    const unsat = Float64Array.from(ks, (k) => slot.unsat[k]!);
    let sum = 0;
    for (let i = 0, base = 0; i < forms; i++, base += stride) {
      let x = 0;
      for (let j = 0; j < offsets.length; j++) {
        const s = STATE[bytes[base + offsets[j]!]!]!;
        if (s === 2) x += sat[j]!;
        else if (s === 1) x += unsat[j]!;
      }
      t[i] = x;
      sum += x;
    }
    const mean = forms > 0 ? sum / forms : 0;
    let m2 = 0;
    for (let i = 0; i < forms; i++) m2 += (t[i]! - mean) * (t[i]! - mean);
    return m2;
  });
}

/** The forms of one cell (same stratum, same breakdown group): their codes, concatenated. */
export interface CodesCell {
  key: string;
  stratum: string;
  group: string;
  bytes: Uint8Array;
}

export interface CodesRequest {
  layout: CodesLayout;
  /** `sipasQuestions` of the factors, and each one's byte offset in the layout */
  questions: readonly SipasQuestion[];
  offsets: readonly number[];
  factors: readonly SipasFactorRef[];
  options?: Pick<SipasOptions, 'factorIndex' | 'points'>;
  /** design weight per stratum (N_h / n_h; 1 unweighted) */
  weights: ReadonlyMap<string, number>;
  rules?: SmallNRules;
}

export interface CodesResult {
  overall: SipasResult;
  groups: { group: string; forms: number; result: SipasResult }[];
  /** shares of the choice question's options (empty without one) */
  choice: Estimate[];
}

/** The question sets whose "answered any" counts the rules ask for: each factor's items, each part's, all items (pass 1 of the cell sums). */
export function canonicalSets(questions: readonly SipasQuestion[], factors: readonly SipasFactorRef[]): number[][] {
  const at = new Map(questions.map((q, k) => [q.id, k]));
  const parts = [...new Set(factors.map((f) => f.part ?? ''))];
  const out = new Map<string, number[]>();
  for (const items of [
    ...factors.map((f) => f.items),
    ...parts.map((p) => factors.filter((f) => (f.part ?? '') === p).flatMap((f) => f.items)),
    factors.flatMap((f) => f.items),
  ]) {
    const set = items.map((id) => at.get(id)!).sort((a, b) => a - b);
    if (set.length > 1) out.set(set.join(','), set);
  }
  return [...out.values()];
}

/**
 * SIPAS results (overall, per group, choice shares) from the cells' codes, by the estimation core (estimation-core.ts),
 * the same accumulators as the form-by-form engine: the cells' bytes side by side, each question read in place as a
 * strided column (offset = its byte, stride = a form's bytes); each form's stratum weight w_h; Taylor without fpc.
 */
export function sipasFromCodes(cells: readonly CodesCell[], req: CodesRequest): CodesResult {
  const stride = strideOf(req.layout);
  let n = 0;
  for (const c of cells) {
    if (c.bytes.length % stride !== 0) throw new Error(`codes of ${c.bytes.length} bytes are not whole forms of ${stride} bytes`);
    n += c.bytes.length / stride;
  }
  const bytes = new Uint8Array(n * stride);
  const stratumNames: string[] = [];
  const stratumAt = new Map<string, number>();
  const groupNames: string[] = [];
  const groupAt = new Map<string, number>();
  const stratum = new Int32Array(n);
  const group = new Int32Array(n);
  const weights = new Float64Array(n);
  let at = 0;
  for (const c of cells) {
    let h = stratumAt.get(c.stratum);
    if (h === undefined) stratumAt.set(c.stratum, (h = stratumNames.push(c.stratum) - 1));
    let g = groupAt.get(c.group);
    if (g === undefined) groupAt.set(c.group, (g = groupNames.push(c.group) - 1));
    const w = req.weights.get(c.stratum);
    if (w === undefined) throw new Error(`no weight for stratum ${c.stratum}`);
    bytes.set(c.bytes, at * stride);
    const m = c.bytes.length / stride;
    stratum.fill(h, at, at + m);
    group.fill(g, at, at + m);
    weights.fill(w, at, at + m);
    at += m;
  }
  const design = designFromIndices(stratum, stratumNames, weights);
  const answers: Record<string, StridedCodes> = {};
  req.questions.forEach((q, k) => {
    answers[q.id] = { codes: bytes, offset: req.offsets[k]!, stride };
  });
  const options = { ...req.options, ...(req.rules && { rules: req.rules }) };
  // the groups and the whole in one run of the core (the whole's pass-1 sums are the groups')
  const results = sipasOverDomains(design, answers, req.factors, { of: group, count: groupNames.length, overall: { within: null } }, options);
  const overall = results[groupNames.length]!;
  const byGroup = results;
  const choiceOptions = req.layout.choiceOptions ?? 0;
  let choice: Estimate[] = [];
  if (choiceOptions > 0) {
    const columns = Array.from({ length: choiceOptions }, () => new Uint8Array(n));
    for (let i = 0, base = 0; i < n; i++, base += stride) {
      const answered = bytes[base + req.layout.scale] === 1;
      for (let j = 0; j < choiceOptions; j++) columns[j]![i] = answered ? bytes[base + req.layout.scale + 1 + j]! : BLANK_CODE;
    }
    choice = choiceSharesOfColumns(design, columns, columns.map((_, j) => j), req.rules ? { rules: req.rules } : {}).map(({ value: _, ...e }) => e);
  }
  return { overall, groups: groupNames.map((g, k) => ({ group: g, forms: byGroup[k]!.forms, result: byGroup[k]! })), choice };
}
