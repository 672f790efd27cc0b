// Engine benchmark (part of `npm run bench`): the PAR INDEX engine on realistic volumes. Prints figures only.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { aggregate, mulberry32, parseScoreTable, rankUnits, reconcileOverrides, sipasBreakdown, surveyDesign, validateScoreTable, type SipasFactorRef } from '../../analytics/src/index';
import type { NodeScore } from '../../analytics/src/types';
import { loadBandSets, loadCriteriaSet } from '../../seeds/load-criteria-sets';

function measure(name: string, iterations: number, fn: () => void) {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - start;
  console.log(`${name.padEnd(52)} ${iterations.toString().padStart(7)} runs  ${(ms / iterations).toFixed(3).padStart(9)} ms/run  ${Math.round((iterations * 1000) / ms).toString().padStart(8)} /s`);
}

const table = readFileSync(new URL('../../seeds/tables/ha-giang-2022.appendix.tsv', import.meta.url), 'utf8');
const set = loadCriteriaSet('par-province-2022');
const bands = loadBandSets().find((b) => b.code === 'province5')!;

const BREAKDOWN_FACTORS: SipasFactorRef[] = Array.from({ length: 5 }, (_, f) => ({
  factor: `f${f + 1}`,
  part: 'service',
  items: Array.from({ length: 4 }, (_, k) => `f${f + 1}_q${k + 1}`),
  overall: `f${f + 1}_all`,
}));

/** n forms over 40 units (the strata, and the breakdown), weighted, 6 % "don't know". */
function breakdownData(n: number) {
  const rand = mulberry32(7);
  const strata = Array.from({ length: n }, () => `U${Math.floor(rand() * 40)}`);
  const answers: Record<string, Float64Array> = {};
  for (const f of BREAKDOWN_FACTORS) {
    for (const id of [...f.items, f.overall!]) answers[id] = Float64Array.from({ length: n }, () => (rand() < 0.06 ? 9 : 1 + Math.floor(rand() * 5)));
  }
  return { strata, answers, design: surveyDesign({ strata, weights: Float64Array.from({ length: n }, () => 1 + rand() * 50) }) };
}

export function benchEngine() {
  console.log(`\n== Engine (pure functions, no I/O), node ${process.version}`);
  measure('parse Hà Giang 2022 appendix (145 lines)', 2000, () => parseScoreTable(table));
  const parsed = parseScoreTable(table);
  measure('validate against par-province-2022', 2000, () => validateScoreTable(parsed, set));
  measure('reconcile published parent scores', 2000, () => reconcileOverrides(set, parsed));

  const leaves = set.criteria.filter((c) => c.source);
  const units = Array.from({ length: 2000 }, (_, u) => {
    const scores = new Map<string, NodeScore>(leaves.map((c, i) => [c.code, { appraised: c.maxPoints * (((u * 31 + i * 17) % 100) / 100) }]));
    return { unit: `U${u}`, group: u % 3 === 0 ? 'huyen' : 'so', scores };
  });
  let totals: { unit: string; group: string; score: number; max: number }[] = [];
  measure('aggregate 2,000 units × 101 leaves', 5, () => {
    totals = units.map((u) => {
      const tree = aggregate(set, u.scores);
      return { unit: u.unit, group: u.group, score: tree.total, max: tree.max };
    });
  });
  measure('rank 2,000 units in 2 groups with bands', 50, () => rankUnits(totals, bands));
  for (const n of [20_000, 200_000]) {
    const b = breakdownData(n);
    measure(`sipasBreakdown ${n.toLocaleString('en')} forms × 40 units, 25 questions`, n > 50_000 ? 2 : 10, () => sipasBreakdown(b.design, b.answers, BREAKDOWN_FACTORS, b.strata));
  }
  const mem = process.memoryUsage();
  console.log(`peak-ish memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
