// sipasBreakdown (each group estimated over its own forms, `domainDesign`) against the mask-based computation it
// replaced: every group rerun over ALL forms with a full-length `within` mask. Domains cross the strata (levels and
// genders in every unit), with weights, fpc, the bootstrap and a one-form stratum; every number equal to 1e-12.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { sipasBreakdown, sipasIndices, type SipasFactorRef, type SipasGroupResult, type SipasOptions } from './sipas';
import { bootstrapFactors, domainDesign, surveyDesign, type SurveyDesign } from './survey-design';

const FACTORS: SipasFactorRef[] = [
  { factor: 's1', items: ['a1', 'a2', 'a3'], overall: 'a_all', part: 'service' },
  { factor: 's2', items: ['b1', 'b2'], overall: 'b_all', part: 'service' },
  { factor: 'p1', items: ['c1', 'c2'], overall: 'c_all', part: 'policy' },
];
const IDS = ['a1', 'a2', 'a3', 'a_all', 'b1', 'b2', 'b_all', 'c1', 'c2', 'c_all'];
const POINTS = [{ factor: 's1', code: '8.1.1', max: 1.5 }, { factor: 's2', code: '8.1.2', max: 2.5 }, { factor: 'p1', code: '8.1.3', max: 2 }];

/** The breakdown as it was: a full-length mask per group, sipasIndices over all n forms (reference only). */
function maskBreakdown(design: SurveyDesign, answers: Record<string, Float64Array>, groups: (string | null)[], options: SipasOptions): SipasGroupResult[] {
  const names: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined || names.includes(g) || (options.within && !options.within[i])) continue;
    names.push(g);
  }
  return names.map((group) => {
    const within = Uint8Array.from({ length: design.n }, (_, i) => (groups[i] === group && (!options.within || options.within[i]) ? 1 : 0));
    const result = sipasIndices(design, answers, FACTORS, { ...options, within });
    return { group, forms: result.forms, result };
  });
}

/** Forms interleaved over 6 units (u5 has a single form, u4 only 3), levels and genders crossing the units. */
function makeForms(seed: number) {
  const rand = mulberry32(seed);
  const sizes: [string, number][] = [['u0', 300], ['u1', 180], ['u2', 90], ['u3', 40], ['u4', 3], ['u5', 1]];
  const pool = sizes.flatMap(([u, n]) => Array.from({ length: n }, () => u));
  const unit = pool.map((u) => [rand(), u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u);
  const level = unit.map(() => ['province', 'district', 'commune'][Math.floor(rand() * 3)]!);
  const gender = unit.map(() => (rand() < 0.1 ? null : rand() < 0.5 ? 'f' : 'm'));
  const answers: Record<string, Float64Array> = {};
  IDS.forEach((id, k) => {
    answers[id] = Float64Array.from(unit, () => {
      const r = rand();
      if (r < 0.05 + 0.1 * (k % 3)) return Number.NaN;
      if (r < 0.12 + 0.1 * (k % 3)) return 9;
      return 1 + Math.floor(rand() * 5);
    });
  });
  const weights = unit.map(() => 0.5 + rand() * 20);
  const population = Object.fromEntries(sizes.map(([u, n]) => [u, n * 7 + 3]));
  const within = unit.map(() => (rand() < 0.85 ? 1 : 0));
  return { unit, level, gender, answers, weights, population, within };
}

/** Largest |a − b| over every number of two results; any other value (null, string, list) must be equal. */
function maxDelta(a: unknown, b: unknown, path = ''): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
    return Math.abs(a - b);
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let d = 0;
    for (const k of keys) d = Math.max(d, maxDelta((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
    return d;
  }
  expect(a, path).toEqual(b);
  return 0;
}

const f = makeForms(2026);
const CASES: { name: string; fpc: boolean; weighted: boolean; by: 'unit' | 'level' | 'gender'; options: SipasOptions }[] = [
  { name: 'Taylor, weights, by level (crosses strata)', fpc: false, weighted: true, by: 'level', options: {} },
  { name: 'Taylor, weights + fpc, by level, with points', fpc: true, weighted: true, by: 'level', options: { points: POINTS } },
  { name: 'Taylor, fpc, by gender (null = left out), within', fpc: true, weighted: true, by: 'gender', options: { within: f.within } },
  { name: 'Taylor, unweighted, by unit (one-form and 3-form strata)', fpc: false, weighted: false, by: 'unit', options: {} },
  { name: 'overall method, fpc, by level', fpc: true, weighted: true, by: 'level', options: { factorIndex: 'overall' } },
  { name: 'bootstrap 40 replicates, weights, by level', fpc: false, weighted: true, by: 'level', options: { variance: { method: 'bootstrap', replicates: 40, seed: 11 } } },
  { name: 'bootstrap, fpc design, by unit, within', fpc: true, weighted: true, by: 'unit', options: { within: f.within, variance: { method: 'bootstrap', replicates: 25, seed: 3 } } },
  { name: 'bootstrap, by gender, points, custom small-n rules', fpc: false, weighted: true, by: 'gender', options: { points: POINTS, rules: { warnBelow: 100, suppressBelow: 20 }, variance: { method: 'bootstrap', replicates: 30, seed: 99 } } },
];

describe('sipasBreakdown over each group’s own forms equals the mask-based breakdown', () => {
  it.each(CASES)('$name', ({ fpc, weighted, by, options }) => {
    const design = surveyDesign({ strata: f.unit, weights: weighted ? f.weights : undefined, fpc: fpc ? f.population : null });
    const groups = by === 'unit' ? f.unit : by === 'level' ? f.level : f.gender;
    const ours = sipasBreakdown(design, f.answers, FACTORS, groups, options);
    const reference = maskBreakdown(design, f.answers, groups, options);
    expect(ours.map((g) => [g.group, g.forms])).toEqual(reference.map((g) => [g.group, g.forms]));
    expect(maxDelta(ours, reference)).toBeLessThanOrEqual(1e-12);
    // the comparison has substance: at least two groups have SEs
    expect(ours.filter((g) => g.result.items.some((i) => i.se !== null && i.se > 0)).length).toBeGreaterThanOrEqual(2);
  });

  it('a domain design gives its forms exactly the bootstrap factors they get in the whole design', () => {
    const design = surveyDesign({ strata: f.unit, weights: f.weights });
    const index = Int32Array.from(f.level.flatMap((l, i) => (l === 'district' ? [i] : [])));
    const whole: Float64Array[] = [];
    bootstrapFactors(design, 5, 42, (_, a) => whole.push(Float64Array.from(index, (i) => a[i]!)));
    const own: Float64Array[] = [];
    bootstrapFactors(domainDesign(design, index), 5, 42, (_, a) => own.push(Float64Array.from(a)));
    expect(own).toEqual(whole);
    expect(whole.some((a) => a.some((x) => x === 0)) && whole.some((a) => a.some((x) => x > 1))).toBe(true);
  });
});
