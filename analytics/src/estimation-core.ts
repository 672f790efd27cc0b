// The linear estimation core (issue 10): every domain mean of the survey engine — SIPAS items (and through them
// factors, parts, SIPAS, points 8.1.k), choice shares, generic svymean — and every breakdown comes from one set of
// accumulators, filled in single passes over typed arrays. Formulas: analytics/README.md, "The estimation core".
//
// A *domain* is a set of forms (all forms, the forms `within`, one breakdown group); each form is in at most one domain
// of a run (domain[i], −1 = none), so a breakdown into G groups is one run with G domains. A *cell* is a stratum × domain.
//   pass 1 (O(forms × questions)): per domain d and question k: valid answers n_dk, "don't know", W_dk = Σ w, S_dk = Σ w y,
//           so p_dk = S_dk / W_dk (the ratio estimator, R: svymean over subset(design, !is.na(y))).
//   plan: the SIPAS rules run on the pass-1 figures (which items are suppressed decides which combinations exist) and
//         list per domain the linear combinations θ = Σ c_k p_k whose variance is wanted (`slots`) and the question
//         sets whose "answered any" count is wanted.
//   pass 2 (Taylor, O(forms × (questions + terms))): per form, t_k = w (y_k − p_dk) / W_dk for its valid answers (0 else),
//           and per cell Σ z, Σ z² of z = t_k (each question) and z = Σ c_k t_k (each slot); then
//           V = Σ_h f_h · n_h / (n_h − 1) · [Σ_{i∈h∩d} z_i² − (Σ_{i∈h∩d} z_i)² / n_h]   (n_h: ALL forms of stratum h,
//           the forms outside the domain having z = 0, as R's svyrecvar pads a subset's influence with zeros).
//   bootstrap: the replicate factors are drawn once per replicate for the whole design and shared by every domain;
//           per replicate a pass-1 pass with weights a_bi w_i gives every domain's replicate means.
// The cells can also be filled from sums the database returns (sipas-stats.ts): the same accumulators, another source.
import {
  bootstrapFactors, replicateVariance, SMALL_N_RULES, SurveyInputError, toEstimate,
  type Estimate, type SmallNRules, type SurveyDesign, type VarianceOption,
} from './survey-design';

/** The code of a blank or unreadable answer in a byte column. */
export const BLANK_CODE = 255;

/** Byte codes read in place: answer of form i at `codes[offset + i · stride]` (e.g. one question of row-major form codes). */
export interface StridedCodes {
  readonly codes: Uint8Array;
  readonly offset: number;
  readonly stride: number;
}

/** An answer column: byte codes (Uint8Array: 1–5, 9 "don't know", 255 blank — read without copying), strided codes, or numbers (NaN = blank). */
export type AnswerColumn = ArrayLike<number> | StridedCodes;

export const isStrided = (c: AnswerColumn): c is StridedCodes => (c as StridedCodes).stride !== undefined && (c as StridedCodes).codes !== undefined;

/**
 * A column as the core reads it: either byte codes with a 256-entry table code → y (NaN = outside the question's
 * domain) and "don't know" flags, or numbers y (NaN = outside) with optional "don't know" flags.
 */
export interface CoreColumn {
  readonly bytes: Uint8Array | null;
  readonly offset: number;
  readonly stride: number;
  /** y of each byte code (NaN: not a valid answer) */
  readonly table: Float64Array | null;
  /** 1 for the "don't know" codes */
  readonly dontKnow: Uint8Array | null;
  /** y per form (NaN outside) when there are no codes */
  readonly values: Float64Array | null;
  /** "don't know" per form, with `values` */
  readonly valuesDontKnow: Uint8Array | null;
}

/** The tables of a scale: y = 1 for the satisfied codes, 0 for the other valid ones, NaN else; the "don't know" codes. */
export function scaleTables(scale: { valid: readonly number[]; satisfied: readonly number[]; dontKnow: readonly number[] }): { table: Float64Array; dontKnow: Uint8Array } | null {
  const all = [...scale.valid, ...scale.satisfied, ...scale.dontKnow];
  if (all.some((v) => !Number.isInteger(v) || v < 0 || v >= BLANK_CODE)) return null;
  const table = new Float64Array(256).fill(Number.NaN);
  const dontKnow = new Uint8Array(256);
  for (const v of scale.valid) table[v] = scale.satisfied.includes(v) ? 1 : 0;
  for (const v of scale.dontKnow) if (!scale.valid.includes(v)) dontKnow[v] = 1;
  return { table, dontKnow };
}

/**
 * A question's column for the core, from answers on a scale: bytes are read in place; numbers are turned into one
 * byte a form (a number that is not a code 0–254 is blank), never into a Float64 copy.
 */
export function scaleColumn(raw: AnswerColumn, n: number, scale: { valid: readonly number[]; satisfied: readonly number[]; dontKnow: readonly number[] }): CoreColumn {
  const tables = scaleTables(scale);
  if (isStrided(raw)) {
    if (!tables) throw new SurveyInputError('Thang đo không mã hoá được bằng byte.', 'The scale cannot be read from byte codes.');
    if (raw.offset + (n - 1) * raw.stride >= raw.codes.length && n > 0) throw new SurveyInputError(`Thiếu mã trả lời cho ${n} phiếu.`, `Answer codes missing for ${n} forms.`);
    return { bytes: raw.codes, offset: raw.offset, stride: raw.stride, table: tables.table, dontKnow: tables.dontKnow, values: null, valuesDontKnow: null };
  }
  if (raw.length !== n) throw new SurveyInputError(`Có ${raw.length} giá trị cho ${n} phiếu.`, `${raw.length} values for ${n} forms.`);
  if (tables) {
    let bytes: Uint8Array;
    if (raw instanceof Uint8Array) bytes = raw;
    else {
      bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = raw[i]!;
        bytes[i] = Number.isInteger(v) && v >= 0 && v < BLANK_CODE ? v : BLANK_CODE;
      }
    }
    return { bytes, offset: 0, stride: 1, table: tables.table, dontKnow: tables.dontKnow, values: null, valuesDontKnow: null };
  }
  const values = new Float64Array(n);
  const dk = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    values[i] = scale.satisfied.includes(v) ? 1 : scale.valid.includes(v) ? 0 : Number.NaN;
    dk[i] = scale.dontKnow.includes(v) && !scale.valid.includes(v) ? 1 : 0;
  }
  return { bytes: null, offset: 0, stride: 1, table: null, dontKnow: null, values, valuesDontKnow: dk };
}

/** A column of values y (NaN = outside the mean's domain), optionally restricted to the forms `within`. */
export function valueColumn(y: ArrayLike<number>, n: number, within?: ArrayLike<boolean | number> | null): CoreColumn {
  if (y.length !== n) throw new SurveyInputError(`Có ${y.length} giá trị cho ${n} phiếu.`, `${y.length} values for ${n} forms.`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = !within || within[i] ? y[i]! : Number.NaN;
  return { bytes: null, offset: 0, stride: 1, table: null, dontKnow: null, values, valuesDontKnow: null };
}

const BINARY = (() => {
  const t = new Float64Array(256).fill(Number.NaN);
  t[0] = 0;
  t[1] = 1;
  return t;
})();

/** A 0/1 column as bytes: 1 yes, 0 no, anything else (255) outside the domain (a choice option among those answering). */
export function binaryColumn(bytes: Uint8Array | StridedCodes): CoreColumn {
  const s = bytes instanceof Uint8Array ? { codes: bytes, offset: 0, stride: 1 } : bytes;
  return { bytes: s.codes, offset: s.offset, stride: s.stride, table: BINARY, dontKnow: null, values: null, valuesDontKnow: null };
}

/**
 * The forms of each domain: domain[i] ∈ [0, count) or −1 (in none); null = every form in domain 0. With `overall`,
 * domain `count` is also estimated: all forms (or those `within`), each form in it as well as in its group — its pass-1
 * sums are the groups' plus those of the forms in no group, and the bootstrap replicates serve both.
 */
export interface Domains {
  readonly of: Int32Array | null;
  readonly count: number;
  readonly overall?: { readonly within: ArrayLike<boolean | number> | null } | undefined;
}

/** Per domain, the linear combinations (slots: normalised terms) and question sets wanted from pass 2. */
export interface DomainPlan {
  readonly slots: readonly (readonly (readonly [number, number])[])[];
  readonly sets: readonly (readonly number[])[];
}

/** Pass 2's sums: per cell, Σ z and Σ z² of each question and each slot; per domain and set, the forms answering any. */
export interface TaylorSums {
  /** V of question k in domain d: [d · K + k] */
  single: Float64Array;
  /** V of slot s of domain d: slot[d][s] */
  slot: Float64Array[];
  /** Σ_{i∈d} t_ik², t = w (y − p) / W: with unit weights W² times it is Σ (y − ȳ)² of the domain's answers */
  sumSquares: Float64Array;
  /** forms answering any of set j of domain d: sets[d][j] */
  sets: Float64Array[];
}

const BLOCK = 512;

/** The accumulators of one run: the design, the question columns and the domains. Pass 1 runs on construction. */
export class Accumulators {
  readonly K: number;
  readonly D: number;
  /** forms per domain */
  readonly forms: Float64Array;
  /** [d · K + k]: valid answers, "don't know", Σ w, Σ w y, p = Σ w y / Σ w (NaN when Σ w = 0) */
  readonly valid: Float64Array;
  readonly dontKnow: Float64Array;
  readonly weightSum: Float64Array;
  readonly weightedSum: Float64Array;
  readonly mean: Float64Array;
  /** each form's pass-1 domain: its group, `rest` (in the overall domain only) or −1; null = all in domain 0 */
  private readonly domain: Int32Array | null;
  /** with an overall domain: its index (= the groups' count), else −1; `rest` = its index + 1 (internal) */
  private readonly overall: number;
  private readonly rest: number;
  /** 1 for the forms of the overall domain (null: none, or all when `domain` is null) */
  private readonly inOverall: Uint8Array | null;

  constructor(
    readonly design: SurveyDesign,
    readonly columns: readonly CoreColumn[],
    domains: Domains,
  ) {
    const K = columns.length;
    const n = design.n;
    if (domains.of && domains.of.length !== n) throw new SurveyInputError(`Có ${domains.of.length} nhóm cho ${n} phiếu.`, `${domains.of.length} groups for ${n} forms.`);
    const G = domains.count;
    const D = domains.overall ? G + 1 : G;
    this.K = K;
    this.D = D;
    this.overall = domains.overall ? G : -1;
    this.rest = domains.overall ? G + 1 : -1;
    let dom = domains.of;
    let inOverall: Uint8Array | null = null;
    if (domains.overall) {
      // pass 1 reads each form once: a form in no group but in the overall domain goes to `rest`
      const within = domains.overall.within;
      const own = new Int32Array(n);
      inOverall = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const g = dom ? dom[i]! : -1;
        const all = !within || within[i] ? 1 : 0;
        if (g >= 0 && !all) throw new SurveyInputError(`Phiếu thứ ${i + 1} thuộc một nhóm nhưng không thuộc tổng thể.`, `Form ${i + 1} is in a group but not in the whole.`);
        inOverall[i] = all;
        own[i] = g >= 0 ? g : all ? G + 1 : -1;
      }
      dom = own;
    }
    this.domain = dom;
    this.inOverall = inOverall;
    const DI = domains.overall ? G + 2 : G;
    this.forms = new Float64Array(DI);
    this.valid = new Float64Array(DI * K);
    this.dontKnow = new Float64Array(DI * K);
    this.weightSum = new Float64Array(DI * K);
    this.weightedSum = new Float64Array(DI * K);
    this.mean = new Float64Array(DI * K);
    if (dom) for (let i = 0; i < n; i++) { const d = dom[i]!; if (d >= 0) this.forms[d]!++; }
    else if (D > 0) this.forms[0] = n;
    const w = design.weights;
    for (let k = 0; k < K; k++) this.pass1Column(k, w, this.valid, this.weightSum, this.weightedSum, this.dontKnow);
    if (domains.overall) {
      for (let d = 0; d < G; d++) this.forms[G]! += this.forms[d]!;
      this.forms[G]! += this.forms[G + 1]!;
      for (const a of [this.valid, this.dontKnow, this.weightSum, this.weightedSum]) this.sumOverall(a);
    }
    for (let j = 0; j < DI * K; j++) this.mean[j] = this.weightSum[j]! > 0 ? this.weightedSum[j]! / this.weightSum[j]! : Number.NaN;
  }

  /** Row `overall` of a [d · K + k] array = Σ of the groups' rows + the `rest` row. */
  private sumOverall(a: Float64Array): void {
    const K = this.K;
    const G = this.overall;
    for (let k = 0; k < K; k++) {
      let x = a[this.rest * K + k]!;
      for (let d = 0; d < G; d++) x += a[d * K + k]!;
      a[G * K + k] = x;
    }
  }

  /** Σ u, Σ u y (and counts) of column k per domain, u the per-form weights (design weights, or replicate weights). */
  private pass1Column(k: number, u: ArrayLike<number>, valid: Float64Array | null, W: Float64Array, S: Float64Array, dontKnow: Float64Array | null): void {
    const col = this.columns[k]!;
    const K = this.K;
    const n = this.design.n;
    const dom = this.domain;
    if (col.bytes) {
      const bytes = col.bytes;
      const table = col.table!;
      const dk = col.dontKnow;
      const stride = col.stride;
      for (let i = 0, at = col.offset; i < n; i++, at += stride) {
        const d = dom ? dom[i]! : 0;
        if (d < 0) continue;
        const wi = u[i]!;
        if (wi === 0 && !valid) continue;
        const code = bytes[at]!;
        const y = table[code]!;
        const j = d * K + k;
        if (y === y) {
          W[j]! += wi;
          S[j]! += wi * y;
          if (valid) valid[j]!++;
        } else if (dontKnow && dk && dk[code]) dontKnow[j]!++;
      }
    } else {
      const values = col.values!;
      const dk = col.valuesDontKnow;
      for (let i = 0; i < n; i++) {
        const d = dom ? dom[i]! : 0;
        if (d < 0) continue;
        const wi = u[i]!;
        if (wi === 0 && !valid) continue;
        const y = values[i]!;
        const j = d * K + k;
        if (y === y) {
          W[j]! += wi;
          S[j]! += wi * y;
          if (valid) valid[j]!++;
        } else if (dontKnow && dk && dk[i]) dontKnow[j]!++;
      }
    }
  }

  /** y of forms [start, start + len) of every column into Y[k · BLOCK + j] (NaN outside). */
  private fillBlock(start: number, len: number, Y: Float64Array): void {
    for (let k = 0; k < this.K; k++) {
      const col = this.columns[k]!;
      const base = k * BLOCK;
      if (col.bytes) {
        const bytes = col.bytes;
        const table = col.table!;
        const stride = col.stride;
        for (let j = 0, at = col.offset + start * stride; j < len; j++, at += stride) Y[base + j] = table[bytes[at]!]!;
      } else {
        const values = col.values!;
        for (let j = 0; j < len; j++) Y[base + j] = values[start + j]!;
      }
    }
  }

  /**
   * The cells (stratum × domain) of each form, compact: its group's (or its only domain's) cell in `of`, its cell of
   * the overall domain in `ofAll`; each cell's stratum and domain.
   */
  private cells(): { of: Int32Array; ofAll: Int32Array | null; stratum: Int32Array; domain: Int32Array } {
    const n = this.design.n;
    const H = this.design.strata.length;
    const dom = this.domain;
    const at = new Int32Array(H * Math.max(1, this.D)).fill(-1);
    const stratum: number[] = [];
    const domain: number[] = [];
    const st = this.design.stratum;
    const cellOf = (d: number, h: number): number => {
      const key = d * H + h;
      let c = at[key]!;
      if (c < 0) {
        c = at[key] = stratum.length;
        stratum.push(h);
        domain.push(d);
      }
      return c;
    };
    const of = new Int32Array(n);
    const groups = this.overall >= 0 ? this.overall : this.D;
    for (let i = 0; i < n; i++) {
      const d = dom ? dom[i]! : 0;
      of[i] = d >= 0 && d < groups ? cellOf(d, st[i]!) : -1;
    }
    let ofAll: Int32Array | null = null;
    if (this.overall >= 0) {
      ofAll = new Int32Array(n);
      for (let i = 0; i < n; i++) ofAll[i] = this.inOverall![i] ? cellOf(this.overall, st[i]!) : -1;
    }
    return { of, ofAll, stratum: Int32Array.from(stratum), domain: Int32Array.from(domain) };
  }

  /**
   * Pass 2 (Taylor): per cell Σ z and Σ z² of every question and of every planned slot, per domain the planned sets'
   * counts; then the variances V = Σ_h f_h n_h / (n_h − 1) [Σ z² − (Σ z)² / n_h] (n_h all forms of h).
   */
  taylor(plans: readonly DomainPlan[]): TaylorSums {
    const { K, D } = this;
    const design = this.design;
    const cells = this.cells();
    const C = cells.stratum.length;
    // flattened slots and sets per domain
    const slotBase = new Int32Array(D + 1);
    const setBase = new Int32Array(D + 1);
    for (let d = 0; d < D; d++) {
      slotBase[d + 1] = slotBase[d]! + (plans[d]?.slots.length ?? 0);
      setBase[d + 1] = setBase[d]! + (plans[d]?.sets.length ?? 0);
    }
    const termStart = new Int32Array(slotBase[D]! + 1);
    const termQ: number[] = [];
    const termC: number[] = [];
    for (let d = 0, s = 0; d < D; d++) {
      for (const terms of plans[d]?.slots ?? []) {
        for (const [k, c] of terms) {
          termQ.push(k);
          termC.push(c);
        }
        termStart[++s] = termQ.length;
      }
    }
    const TQ = Int32Array.from(termQ);
    const TC = Float64Array.from(termC);
    const setStart = new Int32Array(setBase[D]! + 1);
    const setQ: number[] = [];
    for (let d = 0, j = 0; d < D; d++) {
      for (const set of plans[d]?.sets ?? []) {
        setQ.push(...set);
        setStart[++j] = setQ.length;
      }
    }
    const SQ = Int32Array.from(setQ);
    // per cell: its slots' sums live at cellSlot[c] … + slots of its domain
    const cellSlot = new Int32Array(C);
    let totalSlots = 0;
    for (let c = 0; c < C; c++) {
      const d = cells.domain[c]!;
      cellSlot[c] = totalSlots;
      totalSlots += slotBase[d + 1]! - slotBase[d]!;
    }
    const Z1 = new Float64Array(C * K);
    const Z2 = new Float64Array(C * K);
    const S1 = new Float64Array(totalSlots);
    const S2 = new Float64Array(totalSlots);
    const setCount = new Float64Array(setBase[D]!);
    // 1 / W and p per domain and question
    const invW = new Float64Array(D * K);
    for (let j = 0; j < D * K; j++) invW[j] = this.weightSum[j]! > 0 ? 1 / this.weightSum[j]! : 0;
    const P = Float64Array.from(this.mean, (p) => (p === p ? p : 0));
    const Y = new Float64Array(K * BLOCK);
    const T = new Float64Array(K);
    const V = new Uint8Array(K);
    const w = design.weights;
    const n = design.n;
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      this.fillBlock(start, len, Y);
      for (let j = 0; j < len; j++) {
        const i = start + j;
        const wi = w[i]!;
        for (let pass = 0; pass < 2; pass++) {
        const c = pass === 0 ? cells.of[i]! : cells.ofAll ? cells.ofAll[i]! : -1;
        if (c < 0) continue;
        const d = cells.domain[c]!;
        const dk = d * K;
        const ck = c * K;
        for (let k = 0; k < K; k++) {
          const y = Y[k * BLOCK + j]!;
          if (y === y) {
            const t = (wi * (y - P[dk + k]!)) * invW[dk + k]!;
            T[k] = t;
            V[k] = 1;
            Z1[ck + k]! += t;
            Z2[ck + k]! += t * t;
          } else {
            T[k] = 0;
            V[k] = 0;
          }
        }
        const s0 = slotBase[d]!;
        const s1 = slotBase[d + 1]!;
        const cs = cellSlot[c]! - s0;
        for (let s = s0; s < s1; s++) {
          let z = 0;
          for (let q = termStart[s]!; q < termStart[s + 1]!; q++) z += TC[q]! * T[TQ[q]!]!;
          S1[cs + s]! += z;
          S2[cs + s]! += z * z;
        }
        for (let s = setBase[d]!; s < setBase[d + 1]!; s++) {
          for (let q = setStart[s]!; q < setStart[s + 1]!; q++) {
            if (V[SQ[q]!]) {
              setCount[s]!++;
              break;
            }
          }
        }
        }
      }
    }
    // variances
    const single = new Float64Array(D * K);
    const sumSquares = new Float64Array(D * K);
    const slot = Array.from({ length: D }, (_, d) => new Float64Array(slotBase[d + 1]! - slotBase[d]!));
    for (let c = 0; c < C; c++) {
      const d0 = cells.domain[c]!;
      for (let k = 0; k < K; k++) sumSquares[d0 * K + k]! += Z2[c * K + k]!;
      const h = cells.stratum[c]!;
      const nh = design.stratumSize[h]!;
      if (nh < 2) continue;
      const f = design.population ? 1 - nh / design.population[h]! : 1;
      const g = (f * nh) / (nh - 1);
      const d = cells.domain[c]!;
      for (let k = 0; k < K; k++) {
        const a = Z1[c * K + k]!;
        single[d * K + k]! += g * (Z2[c * K + k]! - (a * a) / nh);
      }
      const own = slot[d]!;
      for (let s = 0; s < own.length; s++) {
        const a = S1[cellSlot[c]! + s]!;
        own[s]! += g * (S2[cellSlot[c]! + s]! - (a * a) / nh);
      }
    }
    const sets = Array.from({ length: D }, (_, d) => setCount.slice(setBase[d]!, setBase[d + 1]!));
    return { single, slot, sets, sumSquares };
  }

  /** Only the planned sets' counts (the bootstrap needs no sums of squares). */
  setCounts(plans: readonly DomainPlan[]): Float64Array[] {
    return this.taylor(plans.map((p) => ({ slots: [], sets: p.sets }))).sets;
  }

  /**
   * Replicate means of every question in every domain, [(d · K + k) · B + b]: the whole design's bootstrap factors
   * (drawn once per replicate, `bootstrapFactors`) and one pass-1 pass with weights a_bi w_i. NaN where Σ a w = 0.
   */
  replicateMeans(replicates: number, seed: number): Float64Array {
    const { K, D } = this;
    const n = this.design.n;
    const B = replicates;
    const DI = this.rest >= 0 ? this.rest + 1 : D;
    const w = this.design.weights;
    const dom = this.domain;
    // the forms of the domains, grouped by pass-1 domain (perm), and w v, w y of every column in that order: then each
    // replicate is K sequential dot products with the permuted factors (no table look-up, no branch per answer)
    const start = new Int32Array(DI + 1);
    if (dom) for (let i = 0; i < n; i++) { if (dom[i]! >= 0) start[dom[i]! + 1]!++; }
    else start[1] = n;
    for (let d = 0; d < DI; d++) start[d + 1]! += start[d]!;
    const m = start[DI]!;
    if (m * K > DENSE_LIMIT) return this.replicateMeansByColumns(B, seed);
    const perm = new Int32Array(m);
    const fill = start.slice(0, DI);
    for (let i = 0; i < n; i++) {
      const d = dom ? dom[i]! : 0;
      if (d >= 0) perm[fill[d]!++] = i;
    }
    const WV = new Float64Array(m * K);
    const WY = new Float64Array(m * K);
    for (let k = 0; k < K; k++) {
      const col = this.columns[k]!;
      for (let p = 0; p < m; p++) {
        const i = perm[p]!;
        const y = col.bytes ? col.table![col.bytes[col.offset + i * col.stride]!]! : col.values![i]!;
        const wi = w[i]!;
        WV[k * m + p] = y === y ? wi : 0;
        WY[k * m + p] = y === y ? wi * y : 0;
      }
    }
    const A = new Float64Array(m);
    const W = new Float64Array(DI * K);
    const S = new Float64Array(DI * K);
    const out = new Float64Array(D * K * B);
    bootstrapFactors(this.design, B, seed, (b, a) => {
      permute(a, perm, A);
      for (let k = 0; k < K; k++) segmentSums(A, WV, WY, k * m, start, DI, K, k, W, S);
      this.storeReplicate(W, S, out, b, B);
    });
    return out;
  }

  /** Replicate b's means of every public domain from its sums (the overall domain's = its groups' + the rest's). */
  private storeReplicate(W: Float64Array, S: Float64Array, out: Float64Array, b: number, B: number): void {
    if (this.overall >= 0) {
      this.sumOverall(W);
      this.sumOverall(S);
    }
    for (let j = 0; j < this.D * this.K; j++) out[j * B + b] = W[j]! > 0 ? S[j]! / W[j]! : Number.NaN;
  }

  /** `replicateMeans` without the dense copies (very large runs): one pass-1 pass per replicate. */
  private replicateMeansByColumns(B: number, seed: number): Float64Array {
    const { K, D } = this;
    const n = this.design.n;
    const DI = this.rest >= 0 ? this.rest + 1 : D;
    const out = new Float64Array(D * K * B);
    const u = new Float64Array(n);
    const W = new Float64Array(DI * K);
    const S = new Float64Array(DI * K);
    const w = this.design.weights;
    bootstrapFactors(this.design, B, seed, (b, a) => {
      for (let i = 0; i < n; i++) u[i] = a[i]! * w[i]!;
      W.fill(0);
      S.fill(0);
      for (let k = 0; k < K; k++) this.pass1Column(k, u, null, W, S, null);
      this.storeReplicate(W, S, out, b, B);
    });
    return out;
  }
}

/** A[p] = a[perm[p]]. */
function permute(a: Float64Array, perm: Int32Array, A: Float64Array): void {
  for (let p = 0; p < perm.length; p++) A[p] = a[perm[p]!]!;
}

/** Per domain segment d of column k: W[d·K + k] = Σ A · WV, S[d·K + k] = Σ A · WY (a small, monomorphic hot loop). */
function segmentSums(A: Float64Array, WV: Float64Array, WY: Float64Array, base: number, start: Int32Array, D: number, K: number, k: number, W: Float64Array, S: Float64Array): void {
  for (let d = 0; d < D; d++) {
    const end = start[d + 1]!;
    let sw = 0;
    let swy = 0;
    for (let p = start[d]!; p < end; p++) {
      const x = A[p]!;
      sw += x * WV[base + p]!;
      swy += x * WY[base + p]!;
    }
    W[d * K + k] = sw;
    S[d * K + k] = swy;
  }
}

/** Above this many form × question cells the bootstrap reads the columns in place instead of dense copies (2 × 8 bytes each). */
const DENSE_LIMIT = 1 << 22;

type Terms = readonly (readonly [number, number])[];

/** Terms sorted by question, merged, zero coefficients dropped, scaled so the first is 1: proportional combinations share a slot. */
export function normaliseTerms(terms: Terms): { key: string; scale: number; terms: [number, number][] } {
  const sorted = [...terms].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [k, c] of sorted) {
    const last = merged[merged.length - 1];
    if (last && last[0] === k) last[1] += c;
    else merged.push([k, c]);
  }
  const nonzero = merged.filter(([, c]) => c !== 0);
  if (nonzero.length === 0) return { key: '', scale: 0, terms: [] };
  const scale = nonzero[0]![1];
  const unit = nonzero.map(([k, c]) => [k, c / scale] as [number, number]);
  return { key: unit.map(([k, c]) => `${k}:${c.toPrecision(12)}`).join(' '), scale, terms: unit };
}

const setKey = (set: readonly number[]) => set.join(',');

/** What a finished domain reads its variances and counts from. */
export type DomainFinals =
  | { method: 'taylor'; single: (k: number) => number; slot: (s: number) => number; set: (j: number) => number }
  | { method: 'bootstrap'; replicates: number; reps: Float64Array; offset: (k: number) => number; set: (j: number) => number };

/**
 * The means of one domain as the rules read them (sipas.ts `SipasMeansSource`). Without `finals` it plans: estimates
 * are exact, variances 0 and the combinations and sets asked for are recorded; with them it answers in full.
 */
export class DomainEstimates {
  readonly slots: [number, number][][] = [];
  readonly sets: number[][] = [];
  private readonly slotAt = new Map<string, number>();
  private readonly setAt = new Map<string, number>();

  constructor(
    private readonly source: {
      K: number;
      forms: number;
      valid: (k: number) => number;
      dontKnow: (k: number) => number;
      mean: (k: number) => number;
    },
    private readonly rules: SmallNRules = SMALL_N_RULES,
    private readonly finals: DomainFinals | null = null,
    plan?: DomainPlan,
  ) {
    if (plan) {
      plan.slots.forEach((terms, s) => {
        this.slots.push(terms.map(([k, c]) => [k, c]));
        this.slotAt.set(normaliseTerms(terms).key, s);
      });
      plan.sets.forEach((set, j) => {
        this.sets.push([...set]);
        this.setAt.set(setKey(set), j);
      });
    }
  }

  get forms(): number {
    return this.source.forms;
  }

  get plan(): DomainPlan {
    return { slots: this.slots, sets: this.sets };
  }

  estimate(k: number, bounds: [number, number] = [0, 1]): Estimate {
    return this.combine([[k, 1]], bounds);
  }

  counts(k: number): { dontKnow: number; blank: number } {
    const dontKnow = this.source.dontKnow(k);
    return { dontKnow, blank: this.source.forms - this.source.valid(k) - dontKnow };
  }

  formsIn(ks: readonly number[]): number {
    const set = [...new Set(ks)].sort((a, b) => a - b);
    if (set.length === 0) return 0;
    if (set.length === 1) return this.source.valid(set[0]!);
    const key = setKey(set);
    let j = this.setAt.get(key);
    if (j === undefined) {
      if (this.finals) throw new Error(`no count of the forms answering ${key}: it was not planned`);
      j = this.sets.length;
      this.sets.push(set);
      this.setAt.set(key, j);
    }
    return this.finals ? this.finals.set(j) : 0;
  }

  combine(terms: Terms, bounds: [number, number] = [0, 1], n?: number): Estimate {
    if (terms.length === 0) return toEstimate(Number.NaN, 0, 0, bounds, this.rules);
    let value = 0;
    for (const [k, c] of terms) value += c * this.source.mean(k);
    const count = n ?? this.formsIn(terms.map(([k]) => k));
    const finals = this.finals;
    if (!finals) {
      const norm = normaliseTerms(terms);
      if (norm.terms.length > 1 && !this.slotAt.has(norm.key)) {
        this.slotAt.set(norm.key, this.slots.length);
        this.slots.push(norm.terms);
      }
      return toEstimate(value, 0, count, bounds, this.rules);
    }
    let variance: number;
    if (finals.method === 'taylor') {
      const norm = normaliseTerms(terms);
      if (norm.terms.length === 0) variance = 0;
      else if (norm.terms.length === 1) variance = norm.scale * norm.scale * finals.single(norm.terms[0]![0]);
      else {
        const s = this.slotAt.get(norm.key);
        if (s === undefined) throw new Error('a combination was not planned');
        variance = norm.scale * norm.scale * finals.slot(s);
      }
    } else {
      // θ_b = Σ c_k p_kb: the replicate means of question k are reps[offset(k) …+ B]
      const B = finals.replicates;
      const theta = new Float64Array(B);
      const reps = finals.reps;
      for (const [k, c] of terms) {
        const o = finals.offset(k);
        for (let b = 0; b < B; b++) theta[b]! += c * reps[o + b]!;
      }
      variance = replicateVariance(theta);
    }
    return toEstimate(value, variance, count, bounds, this.rules);
  }
}

/**
 * Runs `rules` over every domain of `acc` with the chosen variance: plan (rules on the pass-1 figures), pass 2 or the
 * bootstrap replicates, finish (rules again, now with variances). `rules` gets each domain's estimates.
 */
export function estimateDomains<T>(
  acc: Accumulators,
  variance: VarianceOption,
  smallN: SmallNRules | undefined,
  rules: (means: DomainEstimates, d: number) => T,
): T[] {
  const { K, D } = acc;
  const sourceOf = (d: number) => ({
    K,
    forms: acc.forms[d]!,
    valid: (k: number) => acc.valid[d * K + k]!,
    dontKnow: (k: number) => acc.dontKnow[d * K + k]!,
    mean: (k: number) => acc.mean[d * K + k]!,
  });
  const planners = Array.from({ length: D }, (_, d) => {
    const m = new DomainEstimates(sourceOf(d), smallN);
    rules(m, d);
    return m;
  });
  const plans = planners.map((m) => m.plan);
  if (variance.method === 'taylor') {
    const sums = acc.taylor(plans);
    return planners.map((_, d) => rules(new DomainEstimates(sourceOf(d), smallN, {
      method: 'taylor',
      single: (k) => sums.single[d * K + k]!,
      slot: (s) => sums.slot[d]![s]!,
      set: (j) => sums.sets[d]![j]!,
    }, plans[d]), d));
  }
  const sets = acc.setCounts(plans);
  const B = variance.replicates;
  const reps = acc.replicateMeans(B, variance.seed);
  return planners.map((_, d) => rules(new DomainEstimates(sourceOf(d), smallN, {
    method: 'bootstrap',
    replicates: B,
    reps,
    offset: (k) => (d * K + k) * B,
    set: (j) => sets[d]![j]!,
  }, plans[d]), d));
}

/**
 * Breakdown groups as domains: the groups in order of first appearance (forms outside `within` or with a null group
 * left out) and each form's group number (−1: none). One pass, no per-group mask.
 */
export function groupDomains(groups: ArrayLike<string | null | undefined>, n: number, within?: ArrayLike<boolean | number> | null): { names: string[]; domains: Domains } {
  if (groups.length !== n) throw new SurveyInputError(`Có ${groups.length} nhóm cho ${n} phiếu.`, `${groups.length} groups for ${n} forms.`);
  const names: string[] = [];
  const number = new Map<string, number>();
  const of = new Int32Array(n);
  let last: string | null | undefined;
  let lastK = -1;
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (g === null || g === undefined || (within && !within[i])) {
      of[i] = -1;
      continue;
    }
    if (g === last) {
      of[i] = lastK;
      continue;
    }
    let k = number.get(g);
    if (k === undefined) {
      k = names.length;
      names.push(g);
      number.set(g, k);
    }
    of[i] = k;
    last = g;
    lastK = k;
  }
  return { names, domains: { of, count: names.length } };
}

/** All forms (or those `within`) as one domain. */
export function wholeDomain(n: number, within?: ArrayLike<boolean | number> | null): Domains {
  if (!within) return { of: null, count: 1 };
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) of[i] = within[i] ? 0 : -1;
  return { of, count: 1 };
}
