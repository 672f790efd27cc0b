// Estimation-core benchmark (issue 10; `npm run bench -- --only core`): the linear SIPAS estimation core at
// 2k / 20k / 200k / 1M forms — SIPAS with the 40-unit breakdown (sipasWithBreakdown, Taylor), raking on 3 margins + trimming + Taylor,
// 500 bootstrap replicates with the unit breakdown — with the growth ratio between sizes and the peak RSS.
// Figures only, never assertions. One run per size (the 1M run takes the longest); `--core-sizes 2000,20000` limits them.
import { performance } from 'node:perf_hooks';
import { designWeights, mulberry32, rake, sipasIndices, sipasWithBreakdown, surveyDesign, trimWeights, type RakeMargin, type SipasFactorRef } from '../../analytics/src/index';

const UNITS = 40;
const FACTORS: SipasFactorRef[] = Array.from({ length: 5 }, (_, f) => ({
  factor: `f${f + 1}`,
  part: 'service',
  items: Array.from({ length: 4 }, (_, k) => `f${f + 1}_q${k + 1}`),
  overall: `f${f + 1}_all`,
}));
const IDS = FACTORS.flatMap((f) => [...f.items, f.overall!]);
const POINTS = FACTORS.map((f, k) => ({ factor: f.factor, code: `8.1.${k + 1}`, max: [1.5, 1.5, 2.5, 2.5, 2][k]! }));

/**
 * n forms over 40 units (the strata and the breakdown) with sampling fractions 0.2–17 %, answers as one byte a
 * question (1–5, 9 "don't know" 6 %, 255 blank 3 %), gender / age band / education for raking.
 */
function makeData(n: number) {
  const rand = mulberry32(7);
  const share = Array.from({ length: UNITS }, (_, u) => 0.3 + (u % 7));
  const total = share.reduce((a, b) => a + b, 0);
  const units = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let x = rand() * total;
    let u = 0;
    while (x > share[u]! && u < UNITS - 1) x -= share[u++]!;
    units[i] = `U${u}`;
  }
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u, (counts.get(u) ?? 0) + 1);
  const population = new Map([...counts].map(([u, c], k) => [u, Math.round(c / (0.002 + 0.168 * ((k * 13) % UNITS) / UNITS))]));
  const answers: Record<string, Uint8Array> = {};
  for (const id of IDS) {
    const col = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = rand();
      col[i] = r < 0.06 ? 9 : r < 0.09 ? 255 : 1 + Math.floor(rand() * 5);
    }
    answers[id] = col;
  }
  const gender = Array.from({ length: n }, () => (rand() < 0.48 ? 'male' : 'female'));
  const age = Array.from({ length: n }, () => ['18-34', '35-54', '55+'][Math.floor(rand() * 3)]!);
  const education = Array.from({ length: n }, () => ['primary', 'secondary', 'college', 'university'][Math.floor(rand() * 4)]!);
  return { units, population, answers, gender, age, education };
}

type Data = ReturnType<typeof makeData>;

/** Float64 copies of the byte columns (255 → NaN), for an engine that reads numbers only. */
function asNumbers(answers: Record<string, Uint8Array>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(answers).map(([id, c]) => [id, Float64Array.from(c, (v) => (v === 255 ? Number.NaN : v))]));
}

/** Wall and CPU seconds of fn (the CPU time says what the code costs on a machine shared with other work). */
interface Timing {
  wall: number;
  cpu: number;
}
function seconds(fn: () => void): Timing {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

let peak = 0;
const sampleRss = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

function indicesAndBreakdown(d: Data, answers: Record<string, ArrayLike<number>>): Timing {
  const { weights } = designWeights(d.units, d.population);
  const design = surveyDesign({ strata: d.units, weights });
  return seconds(() => {
    sipasWithBreakdown(design, answers, FACTORS, d.units, { points: POINTS });
    sampleRss();
  });
}

function rakeTrimTaylor(d: Data, answers: Record<string, ArrayLike<number>>): Timing {
  const { weights } = designWeights(d.units, d.population);
  const N = [...d.population.values()].reduce((a, b) => a + b, 0);
  const margins: RakeMargin[] = [
    { name: 'gender', cells: d.gender, totals: { male: 0.47 * N, female: 0.53 * N } },
    { name: 'age', cells: d.age, totals: { '18-34': 0.35 * N, '35-54': 0.4 * N, '55+': 0.25 * N } },
    { name: 'education', cells: d.education, totals: { primary: 0.2 * N, secondary: 0.4 * N, college: 0.25 * N, university: 0.15 * N } },
  ];
  return seconds(() => {
    const raked = rake(weights, margins);
    const trimmed = trimWeights(raked.weights, { maxRatio: 3.5, minRatio: 0.3 });
    const design = surveyDesign({ strata: d.units, weights: trimmed.weights });
    sipasIndices(design, answers, FACTORS, { points: POINTS });
    sampleRss();
  });
}

function bootstrap(d: Data, answers: Record<string, ArrayLike<number>>, replicates: number): Timing {
  const { weights } = designWeights(d.units, d.population);
  const design = surveyDesign({ strata: d.units, weights });
  const variance = { method: 'bootstrap', replicates, seed: 1 } as const;
  return seconds(() => {
    sipasWithBreakdown(design, answers, FACTORS, d.units, { points: POINTS, variance });
    sampleRss();
  });
}

const fmt = (t: Timing) => `${t.wall.toFixed(3)} s (cpu ${t.cpu.toFixed(3)} s)`;

/**
 * Times per size and the growth ratio t(10n) / t(n) (issue 10: each 10× in forms must cost ≤ 12× in time).
 * `codes`: pass the answers as byte columns (the core reads them without copying); else as Float64 columns.
 */
export function benchEngineCore(sizes: readonly number[] = [2_000, 20_000, 200_000, 1_000_000], options: { codes?: boolean } = {}) {
  const codes = options.codes ?? true;
  console.log(`\n== Estimation core (issue 10), node ${process.version}, answers as ${codes ? 'Uint8Array codes' : 'Float64Array'}; one run per size`);
  const rows: { n: number; main: Timing; rake: Timing | null; boot: Timing | null }[] = [];
  for (const n of sizes) {
    const d = makeData(n);
    const answers = codes ? d.answers : asNumbers(d.answers);
    sampleRss();
    const small = makeData(Math.min(n, 2000));
    indicesAndBreakdown(small, codes ? small.answers : asNumbers(small.answers)); // warm-up
    const main = indicesAndBreakdown(d, answers);
    const rk = n <= 200_000 ? rakeTrimTaylor(d, answers) : null;
    const boot = n <= 20_000 ? bootstrap(d, answers, 500) : null;
    rows.push({ n, main, rake: rk, boot });
    const prev = rows[rows.length - 2];
    // growth per 10× in forms (200k → 1M is 5×: its ratio r is scaled to r^(log 10 / log 5) per 10×)
    const per10 = (r: number, f: number) => (f === 10 ? r : r ** (Math.log(10) / Math.log(f)));
    const growth = prev
      ? `  growth ×${(main.wall / prev.main.wall).toFixed(1)} wall, ×${(main.cpu / prev.main.cpu).toFixed(1)} cpu for ×${n / prev.n} forms`
        + `${n / prev.n !== 10 ? ` (cpu ≈ ×${per10(main.cpu / prev.main.cpu, n / prev.n).toFixed(1)} per 10×)` : ''}; limit ×12 per 10×`
      : '';
    console.log(`${n.toLocaleString('en').padStart(9)} forms  SIPAS + 40-unit breakdown (Taylor) ${fmt(main)}${growth}`
      + `${rk !== null ? `  | rake 3 margins + trim + Taylor ${fmt(rk)}` : ''}${boot !== null ? `  | 500 bootstrap reps + unit breakdown ${fmt(boot)}` : ''}`
      + `  | rss peak ${(peak / 2 ** 20).toFixed(0)} MiB`);
  }
  console.log('targets: rake + trim + Taylor at 200,000 ≤ 2 s; 500 bootstrap reps at 20,000 ≤ 5 s; each 10× ≤ 12×');
}
