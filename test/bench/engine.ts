// Engine benchmark (part of `npm run bench`): the PAR INDEX engine on realistic volumes. Prints figures only.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { aggregate, parseScoreTable, rankUnits, reconcileOverrides, validateScoreTable } from '../../analytics/src/index';
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
  const mem = process.memoryUsage();
  console.log(`peak-ish memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
