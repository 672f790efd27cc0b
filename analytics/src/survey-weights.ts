// Weight adjustments after the design weights (issue 5, "Weighting"): post-stratification to known totals,
// raking (iterative proportional fitting) to several margins, trimming of extreme weights.
// Standard errors treat the final weights as design weights (see analytics/README.md, "Survey estimation").
import { type PopulationSizes, SurveyInputError } from './survey-design';

function totalsMap(totals: PopulationSizes): Map<string, number> {
  return totals instanceof Map ? new Map(totals as ReadonlyMap<string, number>) : new Map(Object.entries(totals));
}

function cellsOf(cells: ArrayLike<string | null | undefined>, targets: Map<string, number>, name: string, n: number): string[] {
  if (cells.length !== n) throw new SurveyInputError(`Biên "${name}": ${cells.length} giá trị cho ${n} phiếu.`, `Margin "${name}": ${cells.length} values for ${n} forms.`);
  const out: string[] = [];
  const unknown = new Set<string>();
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (c === null || c === undefined || !targets.has(c)) unknown.add(c === null || c === undefined ? '(trống / blank)' : c);
    else out.push(c);
  }
  if (unknown.size > 0) {
    const list = [...unknown].join(', ');
    throw new SurveyInputError(`Biên "${name}": không có tổng đã biết cho ${list}.`, `Margin "${name}": no known total for ${list}.`);
  }
  const present = new Set(out);
  for (const [cell, target] of targets) {
    if (!Number.isFinite(target) || target < 0) throw new SurveyInputError(`Biên "${name}", ô "${cell}": tổng ${target} không hợp lệ.`, `Margin "${name}", cell "${cell}": invalid total ${target}.`);
    if (target > 0 && !present.has(cell)) {
      throw new SurveyInputError(`Biên "${name}": ô "${cell}" có tổng ${target} nhưng không có phiếu nào.`, `Margin "${name}": cell "${cell}" has a total of ${target} but no forms.`);
    }
  }
  return out;
}

function sumsBy(weights: Float64Array, cells: readonly string[]): Map<string, number> {
  const s = new Map<string, number>();
  for (let i = 0; i < weights.length; i++) s.set(cells[i]!, (s.get(cells[i]!) ?? 0) + weights[i]!);
  return s;
}

export interface PostStratification {
  weights: Float64Array;
  /** per cell: its known total, the weight sum before, and the factor applied (target / before) */
  cells: { cell: string; target: number; before: number; factor: number }[];
}

/**
 * Post-stratification (issue 5): w*_i = w_i · T_c / Σ_{j∈c} w_j, c the form's cell (e.g. gender × age band) and T_c
 * its known population total, so the weights of each cell add up to T_c. Throws when a form's cell has no total or
 * a cell with a positive total has no form.
 */
export function postStratify(weights: ArrayLike<number>, cells: ArrayLike<string | null | undefined>, totals: PopulationSizes): PostStratification {
  const targets = totalsMap(totals);
  const c = cellsOf(cells, targets, 'post-strata', weights.length);
  const w = Float64Array.from(weights);
  const before = sumsBy(w, c);
  const factor = new Map<string, number>();
  for (const [cell, s] of before) factor.set(cell, s > 0 ? (targets.get(cell) as number) / s : 0);
  for (let i = 0; i < w.length; i++) w[i]! *= factor.get(c[i]!) as number;
  return {
    weights: w,
    cells: [...targets].map(([cell, target]) => ({ cell, target, before: before.get(cell) ?? 0, factor: factor.get(cell) ?? 0 })),
  };
}

/** A margin to rake to: each form's cell and the known total of every cell. */
export interface RakeMargin {
  name: string;
  cells: ArrayLike<string | null | undefined>;
  totals: PopulationSizes;
}

export interface RakeOptions {
  /** stop when every cell's |Σw − T| / T ≤ tolerance after a full sweep (default 1e-10) */
  tolerance?: number;
  /** at most this many sweeps over the margins (default 100) */
  maxIterations?: number;
}

export interface RakeResult {
  weights: Float64Array;
  /** true when the margins were met within the tolerance; false says raking did not converge (issue 5) */
  converged: boolean;
  /** full sweeps done */
  iterations: number;
  /** max over margins and cells of |Σw − T| / T (T > 0) after the last sweep */
  maxDeviation: number;
  margins: { margin: string; cell: string; target: number; achieved: number }[];
}

/**
 * Raking by iterative proportional fitting (issue 5; Deming–Stephan; R: survey::rake): sweep over the margins, in each
 * multiplying every form's weight by T_c / Σ_{j∈c} w_j for its cell c of that margin, until after a full sweep every
 * margin is met within `tolerance` (relative) or `maxIterations` sweeps were done. Margins whose grand totals differ
 * cannot all be met: the result then says `converged: false`.
 */
export function rake(weights: ArrayLike<number>, margins: readonly RakeMargin[], options: RakeOptions = {}): RakeResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  // each margin's cells numbered once (targets' order), so that a sweep is two passes over typed arrays
  const prepared = margins.map((m) => {
    const targets = totalsMap(m.totals);
    const cells = cellsOf(m.cells, targets, m.name, weights.length);
    const names = [...targets.keys()];
    const number = new Map(names.map((c, j) => [c, j]));
    const index = Int32Array.from(cells, (c) => number.get(c)!);
    return { name: m.name, names, target: Float64Array.from(names, (c) => targets.get(c)!), index, sums: new Float64Array(names.length) };
  });
  const w = Float64Array.from(weights);
  const n = w.length;
  const sumUp = (m: (typeof prepared)[number]) => {
    m.sums.fill(0);
    for (let i = 0; i < n; i++) m.sums[m.index[i]!]! += w[i]!;
  };
  const deviation = (): number => {
    let worst = 0;
    for (const m of prepared) {
      sumUp(m);
      for (let j = 0; j < m.names.length; j++) {
        const t = m.target[j]!;
        if (t > 0) worst = Math.max(worst, Math.abs(m.sums[j]! - t) / t);
      }
    }
    return worst;
  };
  let iterations = 0;
  let maxDeviation = deviation();
  while (maxDeviation > tolerance && iterations < maxIterations) {
    for (const m of prepared) {
      sumUp(m);
      const factor = Float64Array.from(m.sums, (sum, j) => (sum > 0 ? m.target[j]! / sum : 0));
      for (let i = 0; i < n; i++) w[i]! *= factor[m.index[i]!]!;
    }
    iterations++;
    maxDeviation = deviation();
  }
  const report: RakeResult['margins'] = [];
  for (const m of prepared) {
    sumUp(m);
    m.names.forEach((cell, j) => report.push({ margin: m.name, cell, target: m.target[j]!, achieved: m.sums[j]! }));
  }
  return { weights: w, converged: maxDeviation <= tolerance, iterations, maxDeviation, margins: report };
}

function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export interface TrimOptions {
  /** cap = maxRatio × the median weight (e.g. 3.5); at least 1; omitted = no cap (only a floor) */
  maxRatio?: number;
  /** floor = minRatio × the median weight (e.g. 0.3); in (0, 1]; omitted = no floor */
  minRatio?: number;
  /** redistribute within these groups (e.g. strata), keeping each group's total; default: one group */
  groups?: ArrayLike<string> | null;
  /** at most this many trim-and-redistribute rounds (default 100) */
  maxIterations?: number;
}

export interface TrimResult {
  weights: Float64Array;
  median: number;
  /** Infinity without `maxRatio` */
  cap: number;
  /** 0 without `minRatio` */
  floor: number;
  /** forms whose weight ended at the cap or at the floor */
  trimmed: number;
  iterations: number;
  /** false when a group's weights could not all be brought under the cap with its total kept */
  converged: boolean;
}

/**
 * Weight trimming (issue 5): cap = maxRatio × median(w); weights above the cap are set to it and the excess
 * Σ (w_i − cap) is spread over the forms under the cap in proportion to their weights (w_i · (1 + excess / Σ_under w)),
 * so the total (of each group) is kept; repeated until no weight exceeds the cap. With `minRatio`, then weights below
 * floor = minRatio × median are raised to it and the shortfall is taken from the weights between the floor and the cap
 * in proportion to their distance from the floor (w_i − floor shrinks by one factor), which keeps the total and the cap.
 * Re-rake afterwards if margins matter.
 */
export function trimWeights(weights: ArrayLike<number>, options: TrimOptions): TrimResult {
  if (options.maxRatio !== undefined && !(options.maxRatio >= 1)) {
    throw new SurveyInputError(`Hệ số cắt ${options.maxRatio} phải ≥ 1.`, `The trimming ratio ${options.maxRatio} must be ≥ 1.`);
  }
  if (options.minRatio !== undefined && !(options.minRatio > 0 && options.minRatio <= 1)) {
    throw new SurveyInputError(`Hệ số sàn ${options.minRatio} phải lớn hơn 0 và không quá 1.`, `The floor ratio ${options.minRatio} must be above 0 and at most 1.`);
  }
  const w = Float64Array.from(weights);
  const med = median(w);
  const cap = options.maxRatio === undefined ? Number.POSITIVE_INFINITY : options.maxRatio * med;
  const floor = options.minRatio === undefined ? 0 : options.minRatio * med;
  const maxIterations = options.maxIterations ?? 100;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < w.length; i++) {
    const g = options.groups ? String(options.groups[i]) : '';
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(i);
  }
  const eps = (Number.isFinite(cap) ? cap : med) * 1e-12;
  let iterations = 0;
  let converged = true;
  for (const idx of groups.values()) {
    // 1. the cap: the excess goes to the weights under it, in proportion
    let k = 0;
    for (; k < maxIterations && Number.isFinite(cap); k++) {
      let excess = 0;
      let under = 0;
      for (const i of idx) {
        if (w[i]! > cap + eps) {
          excess += w[i]! - cap;
          w[i] = cap;
        } else if (w[i]! < cap - eps) under += w[i]!;
      }
      if (excess === 0) break;
      if (under === 0) {
        converged = false;
        break;
      }
      const f = 1 + excess / under;
      for (const i of idx) if (w[i]! < cap - eps) w[i]! *= f;
    }
    if (k === maxIterations) converged = false;
    // 2. the floor: the shortfall is taken from the weights between the floor and the cap (those at the cap stay there),
    //    in proportion to w − floor
    let j = 0;
    for (; j < maxIterations && floor > 0; j++) {
      let shortfall = 0;
      let over = 0;
      for (const i of idx) {
        if (w[i]! < floor - eps) {
          shortfall += floor - w[i]!;
          w[i] = floor;
        } else if (w[i]! > floor + eps && w[i]! < cap - eps) over += w[i]! - floor;
      }
      if (shortfall === 0) break;
      if (over < shortfall) {
        converged = false;
        break;
      }
      // w_i − floor shrinks by the same factor, so no weight above the floor drops below it
      const f = 1 - shortfall / over;
      for (const i of idx) if (w[i]! > floor + eps && w[i]! < cap - eps) w[i] = floor + (w[i]! - floor) * f;
    }
    if (j === maxIterations) converged = false;
    iterations = Math.max(iterations, k + j);
  }
  let trimmed = 0;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]! - cap) <= eps || (floor > 0 && Math.abs(w[i]! - floor) <= eps)) trimmed++;
  return { weights: w, median: med, cap, floor, trimmed, iterations, converged };
}
