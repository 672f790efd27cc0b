import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { kishEffectiveSize, SurveyInputError } from './survey-design';
import { postStratify, rake, trimWeights, type RakeMargin } from './survey-weights';

const sumWhere = (w: ArrayLike<number>, cells: ArrayLike<string | null | undefined>, cell: string): number => {
  let s = 0;
  for (let i = 0; i < w.length; i++) if (cells[i] === cell) s += w[i]!;
  return s;
};

describe('post-stratification (w · T_c / Σ_c w)', () => {
  it('scales each cell to its known total (worked by hand)', () => {
    // male: weights 10 + 30 = 40, total 60 → factor 1.5; female: 20, total 10 → factor 0.5
    const r = postStratify([10, 30, 20], ['male', 'male', 'female'], { male: 60, female: 10 });
    expect([...r.weights]).toEqual([15, 45, 10]);
    expect(r.cells).toEqual([
      { cell: 'male', target: 60, before: 40, factor: 1.5 },
      { cell: 'female', target: 10, before: 20, factor: 0.5 },
    ]);
  });

  it.each([
    ['a form whose cell has no total', ['male', 'other'], { male: 5 }, /no known total for other/],
    ['a blank cell', ['male', null], { male: 5 }, /no known total for \(trống \/ blank\)/],
    ['a cell with a total but no forms', ['male', 'male'], { male: 5, female: 5 }, /cell "female" has a total of 5 but no forms/],
    ['a negative total', ['male'], { male: -1 }, /invalid total -1/],
  ] as const)('refuses %s', (_what, cells, totals, message) => {
    expect(() => postStratify([1, 1].slice(0, cells.length), cells, totals)).toThrow(message);
  });
});

describe('raking (iterative proportional fitting)', () => {
  // 2,000 forms with design weights 1–5, gender × age band drawn unevenly; census margins
  const rand = mulberry32(99);
  const n = 2000;
  const gender: string[] = [];
  const age: string[] = [];
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    gender.push(rand() < 0.35 ? 'male' : 'female');
    const u = rand();
    age.push(u < 0.5 ? '18-34' : u < 0.85 ? '35-54' : '55+');
    w[i] = 1 + Math.floor(rand() * 5);
  }
  const margins: RakeMargin[] = [
    { name: 'gender', cells: gender, totals: { male: 49_000, female: 51_000 } },
    { name: 'age', cells: age, totals: { '18-34': 30_000, '35-54': 40_000, '55+': 30_000 } },
  ];

  it('hits every margin to 1e-6 and says it converged', () => {
    const r = rake(w, margins);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.maxDeviation).toBeLessThanOrEqual(1e-10);
    for (const m of margins) {
      for (const [cell, target] of Object.entries(m.totals)) {
        expect(Math.abs(sumWhere(r.weights, m.cells, cell) - target)).toBeLessThan(1e-6);
      }
    }
    expect(r.margins).toHaveLength(5);
    for (const row of r.margins) expect(Math.abs(row.achieved - row.target)).toBeLessThan(1e-6);
    // the input is not changed
    expect(w.reduce((s, x) => s + x, 0)).toBeLessThan(10_000);
  });

  it('says so when it did not converge: too few iterations, or margins with different grand totals', () => {
    const short = rake(w, margins, { maxIterations: 1, tolerance: 1e-12 });
    expect(short).toMatchObject({ converged: false, iterations: 1 });
    expect(short.maxDeviation).toBeGreaterThan(1e-12);
    const inconsistent = rake(w, [margins[0]!, { ...margins[1]!, totals: { '18-34': 30_000, '35-54': 40_000, '55+': 35_000 } }], { maxIterations: 50 });
    expect(inconsistent.converged).toBe(false);
    expect(inconsistent.iterations).toBe(50);
    expect(inconsistent.maxDeviation).toBeGreaterThan(0.01);
  });

  it('one margin is post-stratification, reached in one sweep', () => {
    const r = rake([10, 30, 20], [{ name: 'g', cells: ['m', 'm', 'f'], totals: { m: 60, f: 10 } }]);
    expect(r).toMatchObject({ converged: true, iterations: 1 });
    expect([...r.weights]).toEqual([...postStratify([10, 30, 20], ['m', 'm', 'f'], { m: 60, f: 10 }).weights]);
  });

  it('refuses forms outside a margin', () => {
    expect(() => rake([1, 1], [{ name: 'g', cells: ['m', 'x'], totals: { m: 2 } }])).toThrow(SurveyInputError);
  });
});

describe('trimming (cap = ratio × median, excess redistributed)', () => {
  it('caps and redistributes in proportion, keeping the total (worked by hand)', () => {
    // median of (1, 1, 2, 2, 20) = 2; cap = 3 × 2 = 6; excess 14 spread over 1 + 1 + 2 + 2 = 6 → × (1 + 14/6)
    // → 3.333, 3.333, 6.667, 6.667: two exceed 6 → capped, excess 2 × 0.667 = 1.333 over 6.667 → × 1.2 → 4, 4
    const r = trimWeights([1, 1, 2, 2, 20], { maxRatio: 3 });
    expect(r.median).toBe(2);
    expect(r.cap).toBe(6);
    expect([...r.weights].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([4, 4, 6, 6, 6]);
    expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(26, 12);
    expect(r).toMatchObject({ trimmed: 3, converged: true });
    expect(r.iterations).toBe(2);
    expect(kishEffectiveSize(r.weights)).toBeGreaterThan(kishEffectiveSize([1, 1, 2, 2, 20]));
  });

  it.each([
    [[1, 2, 3], 10, [1, 2, 3]], // nothing above the cap
    [[4, 4, 4], 1, [4, 4, 4]], // all at the median
  ])('%j with ratio %d stays %j', (w, ratio, expected) => {
    expect([...trimWeights(w, { maxRatio: ratio }).weights]).toEqual(expected);
  });

  it('keeps each group total when asked', () => {
    // median of (1, 1, 10, 1, 1, 1) = 1, cap = 2; group a: 1, 1, 10 → excess 8 over 2 → × 5 → 5, 5 … → all capped at 2:
    // the total of a cannot be kept under the cap → converged false; group b untouched
    const r = trimWeights([1, 1, 10, 1, 1, 1], { maxRatio: 2, groups: ['a', 'a', 'a', 'b', 'b', 'b'] });
    expect(r.converged).toBe(false);
    expect([...r.weights].slice(3)).toEqual([1, 1, 1]);
    const ok = trimWeights([1, 1, 3, 1, 1, 1, 1, 1], { maxRatio: 2, groups: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'] });
    expect(ok.converged).toBe(true);
    expect(ok.weights.slice(0, 4).reduce((s, x) => s + x, 0)).toBeCloseTo(6, 12);
    expect(Math.max(...ok.weights)).toBeLessThanOrEqual(2 + 1e-12);
  });

  it('refuses a ratio below 1', () => {
    expect(() => trimWeights([1, 2], { maxRatio: 0.5 })).toThrow(SurveyInputError);
  });

  it('raises weights under the floor and takes the shortfall from those above it (worked by hand)', () => {
    // median of (1, 4, 4, 5, 6) = 4; floor = 0.5 × 4 = 2: 1 → 2, shortfall 1 taken from (4, 4, 5, 6) − 2 = 2, 2, 3, 4
    // (sum 11) × (1 − 1/11) → 2 + 20/11, 2 + 20/11, 2 + 30/11, 2 + 40/11; total 20 kept
    const r = trimWeights([1, 4, 4, 5, 6], { minRatio: 0.5 });
    expect(r).toMatchObject({ median: 4, floor: 2, cap: Number.POSITIVE_INFINITY, trimmed: 1, converged: true });
    [2, 2 + 20 / 11, 2 + 20 / 11, 2 + 30 / 11, 2 + 40 / 11].forEach((x, i) => expect(r.weights[i]).toBeCloseTo(x, 12));
    expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(20, 12);
    // with a cap as well: both bounds hold and the total is kept
    const both = trimWeights([0.2, 1, 1, 1, 1, 1, 9], { minRatio: 0.5, maxRatio: 3 });
    expect(Math.min(...both.weights)).toBeGreaterThanOrEqual(0.5 - 1e-12);
    expect(Math.max(...both.weights)).toBeLessThanOrEqual(3 + 1e-12);
    expect(both.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(14.2, 12);
    expect(both.trimmed).toBe(2);
    expect(() => trimWeights([1, 2], { minRatio: 1.5 })).toThrow(SurveyInputError);
  });
});
