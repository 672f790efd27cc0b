import { describe, expect, it } from 'vitest';
import {
  bootstrapFactors, designWeights, DomainMeans, domainMean, kishEffectiveSize, replicateVariance, surveyDesign, SurveyInputError, svyMean,
  taylorVariance, toEstimate, Z95,
} from './survey-design';

const NA = Number.NaN;
/** the worked cases are smaller than the suppression threshold (5): let them through */
const rules = { warnBelow: 30, suppressBelow: 1 };

describe('design weights (issue 5: w = N_h / n_h) and Kish n_eff = (Σw)² / Σw²', () => {
  it.each([
    // strata of the forms, populations, expected weights
    [['A', 'A', 'B', 'B', 'B'], { A: 100, B: 300 }, [50, 50, 100, 100, 100]],
    [['x', 'y', 'y', 'y'], { x: 7, y: 9, z: 5 }, [7, 3, 3, 3]],
    [['u|province', 'u|commune', 'u|commune'], new Map([['u|province', 10], ['u|commune', 40]]), [10, 20, 20]], // unit × level
  ])('%j with %j → %j', (strata, population, expected) => {
    expect([...designWeights(strata, population).weights]).toEqual(expected);
  });

  it('lists the strata with their sizes and the populated strata without forms', () => {
    const dw = designWeights(['x', 'y', 'y', 'y'], { x: 7, y: 9, z: 5 });
    expect(dw.strata).toEqual([
      { stratum: 'x', population: 7, forms: 1, weight: 7 },
      { stratum: 'y', population: 9, forms: 3, weight: 3 },
    ]);
    expect(dw.unsampled).toEqual(['z']);
  });

  it('refuses a sampled stratum without a population, or with fewer people than forms', () => {
    expect(() => designWeights(['a', 'b'], { a: 10 })).toThrow(SurveyInputError);
    expect(() => designWeights(['a', 'a', 'a'], { a: 2 })).toThrow(/a \(2 < 3\)/);
  });

  it.each([
    [[1, 1, 1, 1], 4],
    [[50, 50, 100, 100, 100], 160_000 / 35_000], // (400)² / (2·2500 + 3·10000)
    [[1, 3], 16 / 10],
    [[], 0],
  ])('kish(%j) = %d', (w, expected) => {
    expect(kishEffectiveSize(w)).toBeCloseTo(expected, 12);
  });
});

describe('domain means with Taylor-linearised SEs, worked by hand', () => {
  it('one stratum, equal weights: the SE is s / √n', () => {
    // y = 1, 1, 0, 1; ȳ = 0.75; z_i = (y_i − 0.75) / 4 = 0.0625, 0.0625, −0.1875, 0.0625; z̄ = 0
    // Σ z² = 3 · 0.00390625 + 0.03515625 = 0.046875; V = 4/3 · 0.046875 = 0.0625; SE = 0.25
    // (= s / √n: s² = (3 · 0.0625 + 0.5625) / 3 = 0.25, s² / 4 = 0.0625)
    const design = surveyDesign({ n: 4 });
    const m = domainMean(design, [1, 1, 0, 1]);
    expect(m.estimate).toBe(0.75);
    expect([...m.influence]).toEqual([0.0625, 0.0625, -0.1875, 0.0625]);
    expect(taylorVariance(design, m.influence)).toBeCloseTo(0.0625, 15);
    expect(svyMean(design, [1, 1, 0, 1], { rules }).se).toBeCloseTo(0.25, 15);
  });

  // Stratum A: N = 100, n = 2, w = 50, y = 1, 0. Stratum B: N = 300, n = 3, w = 100, y = 1, 1, "don't know" (outside).
  // W = 50 + 50 + 100 + 100 = 300; ȳ = (50 + 100 + 100) / 300 = 5/6.
  // z = w (y − 5/6) / 300: A: 1/36, −5/36; B: 2/36, 2/36, and 0 for the form outside the domain.
  // A: z̄ = −2/36, deviations ±3/36, Σ = 18/1296, × n/(n−1) = 2 → 36/1296.
  // B: z̄ = (4/3)/36, deviations (2/3, 2/3, −4/3)/36, Σ = (24/9)/1296, × 3/2 → 4/1296.
  // V = 40/1296, SE = √40 / 36 = 0.17568209223157663 (R: the same, to the last digit).
  // With the fpc: f_A = 1 − 2/100 = 0.98, f_B = 1 − 3/300 = 0.99: V = (0.98 · 36 + 0.99 · 4) / 1296 = 39.24 / 1296.
  const strata = ['A', 'A', 'B', 'B', 'B'];
  const weights = [50, 50, 100, 100, 100];
  const y = [1, 0, 1, 1, NA];
  it.each([
    ['without fpc', null, Math.sqrt(40) / 36],
    ['with fpc', { A: 100, B: 300 }, Math.sqrt(39.24) / 36],
  ])('two strata, a form outside the domain keeps its stratum (%s)', (_what, fpc, se) => {
    const design = surveyDesign({ strata, weights, fpc });
    const e = svyMean(design, y, { rules });
    expect(e.estimate).toBeCloseTo(5 / 6, 15);
    expect(e.se).toBeCloseTo(se, 15);
    expect(e.n).toBe(4);
    // the form outside the domain is a zero, not a dropped row: dropping it gives another (wrong) SE
    const dropped = svyMean(surveyDesign({ strata: strata.slice(0, 4), weights: weights.slice(0, 4), fpc }), y.slice(0, 4), { rules });
    expect(dropped.se).not.toBeCloseTo(se, 6);
  });

  it('a subgroup mask is a domain as well (within)', () => {
    const design = surveyDesign({ strata, weights });
    const e = svyMean(design, [1, 0, 1, 1, 0], { within: [1, 1, 1, 1, 0], rules });
    expect(e.estimate).toBeCloseTo(5 / 6, 15);
    expect(e.se).toBeCloseTo(Math.sqrt(40) / 36, 15);
  });

  it('a stratum with a single form adds no variance (R: survey.lonely.psu = "certainty")', () => {
    // A = form 1 alone, B = forms 2–4; ȳ = 3/4 over all four forms, W = 4
    const design = surveyDesign({ strata: ['A', 'B', 'B', 'B'], weights: [1, 1, 1, 1] });
    const m = domainMean(design, [1, 1, 0, 1]);
    // z = (y − 0.75) / 4 = 0.0625 | 0.0625, −0.1875, 0.0625; A adds nothing;
    // B: z̄ = −0.0625/3, deviations (1/12, −1/6, 1/12), Σ² = 1/24; V = 3/2 · 1/24 = 0.0625
    expect(taylorVariance(design, m.influence)).toBeCloseTo(0.0625, 12);
  });

  it('an empty domain has no estimate', () => {
    const design = surveyDesign({ n: 3 });
    expect(domainMean(design, [NA, NA, NA]).estimate).toBeNaN();
    expect(svyMean(design, [NA, NA, NA], { rules })).toEqual({ estimate: null, se: null, ci: null, n: 0, warning: 'suppressed' });
  });

  it('refuses negative weights, a length mismatch and an fpc below the sample', () => {
    expect(() => surveyDesign({ weights: [1, -1] })).toThrow(SurveyInputError);
    expect(() => surveyDesign({ strata: ['a'], weights: [1, 2] })).toThrow(/2 weights for 1 forms/);
    expect(() => surveyDesign({ strata: ['a', 'a'], fpc: { a: 1 } })).toThrow(/Stratum "a"/);
    expect(() => domainMean(surveyDesign({ n: 2 }), [1])).toThrow(/1 values for 2 forms/);
  });
});

describe('linear combinations of domain means: the average of two items', () => {
  it('linearises the average of ratios; a form in both domains contributes to both (worked by hand)', () => {
    // one stratum, w = 1; item a = 1, 1, 0, (blank); item b = 1, 0, 0, 1
    // p_a = 2/3, p_b = 1/2, F = (2/3 + 1/2) / 2 = 7/12
    // z_a = (y − 2/3) / 3 = 1/9, 1/9, −2/9, 0; z_b = (y − 1/2) / 4 = 1/8, −1/8, −1/8, 1/8
    // z = (z_a + z_b) / 2 = (17, −1, −25, 9) / 144; z̄ = 0 (each item's z sums to 0 in the one stratum)
    // Σ z² = (289 + 1 + 625 + 81) / 20736 = 996 / 20736; V = 4/3 · 996 / 20736 = 1328 / 20736
    // SE = √1328 / 144 = 0.25306…
    const design = surveyDesign({ n: 4 });
    const means = new DomainMeans(design, [{ y: [1, 1, 0, NA] }, { y: [1, 0, 0, 1] }], { rules });
    const f = means.combine([[0, 0.5], [1, 0.5]]);
    expect(f.estimate).toBeCloseTo(7 / 12, 15);
    expect(f.se).toBeCloseTo(Math.sqrt(1328) / 144, 15);
    expect(f.n).toBe(4); // forms in either domain
  });
});

describe('estimates as shown (issue 5: warn below 30, suppress below 5)', () => {
  it.each([
    [4, { estimate: null, se: null, ci: null, n: 4, warning: 'suppressed' }],
    [5, { estimate: 0.5, se: 0.1, ci: [0.5 - Z95 * 0.1, 0.5 + Z95 * 0.1], n: 5, warning: 'small_n' }],
    [29, { estimate: 0.5, se: 0.1, ci: [0.5 - Z95 * 0.1, 0.5 + Z95 * 0.1], n: 29, warning: 'small_n' }],
    [30, { estimate: 0.5, se: 0.1, ci: [0.5 - Z95 * 0.1, 0.5 + Z95 * 0.1], n: 30, warning: null }],
  ])('n = %i', (n, expected) => {
    const e = toEstimate(0.5, 0.01, n);
    expect(e).toEqual({ ...expected, se: expected.se === null ? null : expect.closeTo(0.1, 15) });
  });

  it('takes other rules', () => {
    expect(toEstimate(0.5, 0.01, 9, [0, 1], { warnBelow: 50, suppressBelow: 10 }).warning).toBe('suppressed');
    expect(toEstimate(0.5, 0.01, 40, [0, 1], { warnBelow: 50, suppressBelow: 10 }).warning).toBe('small_n');
  });

  it('cuts the 95 % interval (±1.96 SE, R confint) to the bounds', () => {
    expect(toEstimate(0.98, 0.0004, 100).ci).toEqual([0.98 - Z95 * 0.02, 1]);
    expect(toEstimate(0.98, 0.0004, 100, [-Infinity, Infinity]).ci?.[1]).toBeCloseTo(0.98 + Z95 * 0.02, 15);
    expect(Z95).toBeCloseTo(1.96, 2);
  });
});

describe('rescaling bootstrap within strata (n_h − 1 drawn, seeded)', () => {
  const design = surveyDesign({ strata: ['A', 'A', 'A', 'B', 'B', 'C'], weights: [1, 1, 1, 2, 2, 5] });

  it('draws n_h − 1 forms per stratum, scaled by n_h / (n_h − 1); a single-form stratum keeps factor 1', () => {
    const all: number[][] = [];
    bootstrapFactors(design, 50, 7, (_b, a) => void all.push([...a]));
    expect(all).toHaveLength(50);
    for (const a of all) {
      // stratum A: 2 draws × 3/2 = 3 in all; B: 1 draw × 2 = 2; C: 1
      expect(a[0]! + a[1]! + a[2]!).toBeCloseTo(3, 12);
      expect(a[3]! + a[4]!).toBeCloseTo(2, 12);
      expect(a[5]).toBe(1);
      expect(a.slice(0, 3).every((x) => [0, 1.5, 3].includes(x))).toBe(true);
    }
    const again: number[][] = [];
    bootstrapFactors(design, 50, 7, (_b, a) => void again.push([...a]));
    expect(again).toEqual(all);
    const other: number[][] = [];
    bootstrapFactors(design, 50, 8, (_b, a) => void other.push([...a]));
    expect(other).not.toEqual(all);
  });

  it('Var = Σ (θ_b − θ̄)² / (B − 1); the same shape as Taylor', () => {
    expect(replicateVariance([1, 2, 3, NA])).toBe(1); // θ̄ = 2, (1 + 0 + 1) / 2
    expect(replicateVariance([1])).toBeNaN();
    const y = [1, 0, 1, 1, 0, 1];
    const boot = svyMean(design, y, { variance: { method: 'bootstrap', replicates: 200, seed: 1 }, rules });
    const taylor = svyMean(design, y, { rules });
    expect(Object.keys(boot).sort()).toEqual(Object.keys(taylor).sort());
    expect(boot.estimate).toBe(taylor.estimate);
    expect(boot.se).toBeGreaterThan(0);
    expect(svyMean(design, y, { variance: { method: 'bootstrap', replicates: 200, seed: 1 }, rules })).toEqual(boot);
    expect(() => svyMean(design, y, { variance: { method: 'bootstrap', replicates: 1, seed: 1 } })).toThrow(SurveyInputError);
  });
});
