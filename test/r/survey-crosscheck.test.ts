// Cross-check against R's survey package (issue 5: estimates and standard errors agree to 1e-9).
// 400 forms in 4 strata with unequal sampling fractions, items with blanks and 9s, written to a temporary CSV;
// test/r/survey-crosscheck.R computes svymean over subset(design, !is.na(y)) per item, svyratio + svycontrast for the
// factors, parts and SIPAS, svyby for a breakdown, and the post-stratified and raked weights.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bootstrapFactors, choiceShares, designWeights, mulberry32, postStratify, rake, sipasBreakdown, sipasIndices, surveyDesign,
  type SipasFactorRef, type SipasResult,
} from '../../analytics/src/index';
import { describeWithR, runRscript } from '../support/r';

const SCRIPT = fileURLToPath(new URL('./survey-crosscheck.R', import.meta.url));
const TOLERANCE = 1e-9;

const STRATA = [
  { stratum: 'Sở Tư pháp', n: 40, N: 2000 },
  { stratum: 'Huyện Quản Bạ', n: 80, N: 12000 },
  { stratum: 'Huyện Mèo Vạc', n: 120, N: 6000 },
  { stratum: 'TP Hà Giang', n: 160, N: 40000 },
];
const FACTORS: SipasFactorRef[] = [
  { factor: 'f1', items: ['f1_q1', 'f1_q2', 'f1_q3'], overall: 'f1_overall', part: 'service' },
  { factor: 'f2', items: ['f2_q1', 'f2_q2'], part: 'service' },
  { factor: 'f3', items: ['f3_q1', 'f3_q2'], part: 'service' },
  { factor: 'p1', items: ['p1_q1', 'p1_q2'], part: 'policy' },
];
const ITEMS = FACTORS.flatMap((f) => f.items);
const LEVELS = ['province', 'district', 'commune'];
const IMPROVE = ['online_services', 'simplify_procedures', 'shorter_time', 'lower_fees'];

interface Data {
  strata: string[];
  levels: string[];
  gender: string[];
  age: string[];
  improve: (string[] | null)[];
  answers: Record<string, Float64Array>;
}

/** Realistic forms: satisfaction differs by stratum and item; 5 % "don't know" (9), 3 % blank; policy items mostly blank. */
function simulate(seed: number): Data {
  const rand = mulberry32(seed);
  const data: Data = { strata: [], levels: [], gender: [], age: [], improve: [], answers: Object.fromEntries(ITEMS.map((id) => [id, [] as unknown as Float64Array])) };
  const cols: Record<string, number[]> = Object.fromEntries([...ITEMS, 'f1_overall'].map((id) => [id, []]));
  STRATA.forEach((s, h) => {
    for (let i = 0; i < s.n; i++) {
      data.strata.push(s.stratum);
      data.levels.push(LEVELS[Math.floor(rand() * 3)] as string);
      data.gender.push(rand() < 0.45 ? 'male' : 'female');
      data.age.push(['18-34', '35-54', '55+'][Math.floor(rand() * 3)] as string);
      data.improve.push(rand() < 0.1 ? null : IMPROVE.filter(() => rand() < 0.35));
      const knowsPolicy = rand() < 0.4;
      [...ITEMS, 'f1_overall'].forEach((id, k) => {
        const u = rand();
        const p = 0.55 + 0.08 * h + 0.03 * (k % 4); // probability of 4 or 5
        const code = id.startsWith('p1') && !knowsPolicy ? Number.NaN
          : u < 0.05 ? 9
          : u < 0.08 ? Number.NaN
          : rand() < p ? 4 + Math.floor(rand() * 2)
          : 1 + Math.floor(rand() * 3);
        (cols[id] as number[]).push(code);
      });
    }
  });
  data.answers = Object.fromEntries(Object.entries(cols).map(([id, v]) => [id, Float64Array.from(v)]));
  return data;
}

const data = simulate(20240517);
const population = new Map(STRATA.map((s) => [s.stratum, s.N]));
const { weights } = designWeights(data.strata, population);

/** The weight of each item in each combined statistic (factor = mean of items, part = mean of factors, SIPAS = mean of parts). */
function spec(): { coef: number; stat: string; item: string }[] {
  const rows: { coef: number; stat: string; item: string }[] = [];
  const parts = [...new Set(FACTORS.map((f) => f.part as string))];
  for (const f of FACTORS) for (const item of f.items) rows.push({ coef: 1 / f.items.length, stat: `factor_${f.factor}`, item });
  for (const part of parts) {
    const fs = FACTORS.filter((f) => f.part === part);
    for (const f of fs) for (const item of f.items) rows.push({ coef: 1 / fs.length / f.items.length, stat: `part_${part}`, item });
    for (const f of fs) for (const item of f.items) rows.push({ coef: 1 / parts.length / fs.length / f.items.length, stat: 'sipas', item });
  }
  return rows;
}

const tmp = mkdtempSync(join(tmpdir(), 'par-r-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const csv = (v: number): string => (Number.isNaN(v) ? '' : String(v));

const BOOT = { method: 'bootstrap', replicates: 40, seed: 2024 } as const;

function writeInputs(): { dataFile: string; specFile: string; repsFile: string } {
  const header = ['stratum', 'w', 'N', 'level', 'gender', 'age', 'improve', ...ITEMS];
  const lines = [header.join(',')];
  for (let i = 0; i < data.strata.length; i++) {
    const imp = data.improve[i];
    lines.push([
      `"${data.strata[i]}"`, weights[i]!.toPrecision(17), population.get(data.strata[i] as string), data.levels[i], data.gender[i], data.age[i],
      imp === null || imp === undefined ? '' : `"${imp.join(';')}"`,
      ...ITEMS.map((id) => csv(data.answers[id]![i]!)),
    ].join(','));
  }
  const dataFile = join(tmp, 'forms.csv');
  writeFileSync(dataFile, `${lines.join('\n')}\n`);
  const specFile = join(tmp, 'spec.csv');
  writeFileSync(specFile, `coef,stat,item\n${spec().map((r) => `${r.coef.toPrecision(17)},${r.stat},${r.item}`).join('\n')}\n`);
  // our bootstrap's replicate factors a_bi, one column per replicate
  const reps: Float64Array[] = [];
  bootstrapFactors(surveyDesign({ strata: data.strata, weights }), BOOT.replicates, BOOT.seed, (_b, a) => void reps.push(Float64Array.from(a)));
  const repsFile = join(tmp, 'replicates.csv');
  const repLines = [reps.map((_, b) => `a${b + 1}`).join(',')];
  for (let i = 0; i < data.strata.length; i++) repLines.push(reps.map((a) => a[i]!.toPrecision(17)).join(','));
  writeFileSync(repsFile, `${repLines.join('\n')}\n`);
  return { dataFile, specFile, repsFile };
}

describeWithR('agreement with R survey (svydesign(ids = ~1, strata = ~stratum, weights = ~w [, fpc = ~N]))', () => {
  let ref = new Map<string, number>();
  const maxDiff = { estimate: 0, se: 0, weight: 0 };
  const close = (ours: number | null | undefined, key: string, kind: 'estimate' | 'se' | 'weight', scale = 1) => {
    const theirs = ref.get(key);
    expect(theirs, key).toBeDefined();
    expect(ours, key).not.toBeNull();
    const diff = Math.abs((ours as number) - (theirs as number)) / scale;
    maxDiff[kind] = Math.max(maxDiff[kind], diff);
    expect(diff, `${key}: ours ${ours}, R ${theirs}`).toBeLessThan(TOLERANCE);
  };

  beforeAll(() => {
    const { dataFile, specFile, repsFile } = writeInputs();
    const stdout = runRscript(SCRIPT, [dataFile, specFile, repsFile]);
    ref = new Map(
      stdout.trim().split('\n').filter((l) => l.includes(',')).map((l) => {
        const at = l.lastIndexOf(',');
        return [l.slice(0, at), Number(l.slice(at + 1))] as [string, number];
      }),
    );
  }, 120_000);

  afterAll(() => {
    // the report of the cross-check: the largest absolute differences seen
    console.info(`R cross-check: max |Δ| estimate ${maxDiff.estimate.toExponential(2)}, SE ${maxDiff.se.toExponential(2)}, weight (relative) ${maxDiff.weight.toExponential(2)}`);
  });

  it.each([
    ['nofpc', null],
    ['fpc', population],
  ] as const)('item, factor, part and SIPAS indices and their SEs (%s)', (dn, fpc) => {
    const design = surveyDesign({ strata: data.strata, weights, fpc });
    const r: SipasResult = sipasIndices(design, data.answers, FACTORS);
    expect(r.items).toHaveLength(ITEMS.length);
    for (const item of r.items) {
      close(item.estimate, `${dn}:item:${item.id}:est`, 'estimate');
      close(item.se, `${dn}:item:${item.id}:se`, 'se');
    }
    for (const f of r.factors) {
      expect(f.omitted).toEqual([]);
      close(f.estimate, `${dn}:stat:factor_${f.factor}:est`, 'estimate');
      close(f.se, `${dn}:stat:factor_${f.factor}:se`, 'se');
    }
    for (const p of r.parts) {
      close(p.estimate, `${dn}:stat:part_${p.part}:est`, 'estimate');
      close(p.se, `${dn}:stat:part_${p.part}:se`, 'se');
    }
    expect(r.sipas.parts).toEqual(['service', 'policy']);
    close(r.sipas.estimate, `${dn}:stat:sipas:est`, 'estimate');
    close(r.sipas.se, `${dn}:stat:sipas:se`, 'se');
    // the data are realistic: the items differ in their don't-knows and blanks, the policy items are mostly blank
    expect(Math.min(...r.items.map((i) => i.dontKnow))).toBeGreaterThan(0);
    expect(Math.min(...r.items.map((i) => i.blank))).toBeGreaterThan(0);
    expect(r.items.find((i) => i.id === 'p1_q1')!.n).toBeLessThan(200);
  });

  it.each(['nofpc', 'fpc'] as const)('a breakdown by level of government, as svyby (%s)', (dn) => {
    const design = surveyDesign({ strata: data.strata, weights, fpc: dn === 'fpc' ? population : null });
    const groups = sipasBreakdown(design, data.answers, FACTORS, data.levels);
    expect(groups.map((g) => g.group).sort()).toEqual([...LEVELS].sort());
    for (const g of groups) {
      for (const id of ITEMS.slice(0, 2)) {
        const item = g.result.items.find((i) => i.id === id)!;
        close(item.estimate, `${dn}:level:${g.group}:${id}:est`, 'estimate');
        close(item.se, `${dn}:level:${g.group}:${id}:se`, 'se');
      }
    }
  });

  it.each(['nofpc', 'fpc'] as const)('shares of the expectations question among those who answered it (%s)', (dn) => {
    const design = surveyDesign({ strata: data.strata, weights, fpc: dn === 'fpc' ? population : null });
    const shares = choiceShares(design, data.improve, ['online_services', 'shorter_time']);
    for (const s of shares) {
      close(s.estimate, `${dn}:choice:${s.value}:est`, 'estimate');
      close(s.se, `${dn}:choice:${s.value}:se`, 'se');
    }
  });

  it('the bootstrap SEs equal R on the same replicate weights (svrepdesign, scale 1/(B − 1), mse = FALSE)', () => {
    const design = surveyDesign({ strata: data.strata, weights });
    const r = sipasIndices(design, data.answers, FACTORS, { variance: BOOT });
    expect(r.variance).toBe('bootstrap');
    for (const item of r.items) {
      close(item.estimate, `boot:item:${item.id}:est`, 'estimate');
      close(item.se, `boot:item:${item.id}:se`, 'se');
    }
    for (const f of r.factors) close(f.se, `boot:stat:factor_${f.factor}:se`, 'se');
    for (const p of r.parts) close(p.se, `boot:stat:part_${p.part}:se`, 'se');
    close(r.sipas.se, 'boot:stat:sipas:se', 'se');
    // same shape as Taylor, and close to it
    const taylor = sipasIndices(design, data.answers, FACTORS);
    expect(Object.keys(r.sipas).sort()).toEqual(Object.keys(taylor.sipas).sort());
    expect(r.sipas.se! / taylor.sipas.se!).toBeGreaterThan(0.6);
    expect(r.sipas.se! / taylor.sipas.se!).toBeLessThan(1.5);
  });

  it("post-stratified and raked weights equal R's postStratify and rake", () => {
    const ps = postStratify(weights, data.gender, { male: 28000, female: 32000 });
    ps.weights.forEach((w, i) => close(w, `post:${i + 1}`, 'weight', w));
    const rk = rake(weights, [
      { name: 'gender', cells: data.gender, totals: { male: 28000, female: 32000 } },
      { name: 'age', cells: data.age, totals: { '18-34': 21000, '35-54': 24000, '55+': 15000 } },
    ], { tolerance: 1e-14, maxIterations: 1000 });
    expect(rk.converged).toBe(true);
    rk.weights.forEach((w, i) => close(w, `rake:${i + 1}`, 'weight', w));
  });
});
