// `npm run bench -- --only r`: `par sipas` against R's survey package, side by side on the same files (issue 10).
// For each size a synthetic SIPAS 2017 file (test/bench/sipas-sample.ts: 40 units, sampling fractions 0.2–17 %,
// 6 % missing answers) and its population file are written to a temporary folder; then, in paired runs,
//   (a) `par sipas <file> --population <pop> --json --timing` (the 40-unit breakdown included), as users run it
//       (node + the tsx loader), and the same command prebuilt into one JavaScript file (esbuild), and
//   (b) `Rscript test/bench/r/sipas-svymean.R <file> <pop> <items>`: svydesign + 22 × svymean,
// each under /usr/bin/time (whole process: elapsed, CPU, peak memory) and each timing its own compute (everything
// after start-up: reading the file, estimating, printing). Every item estimate and SE both give must agree to 1e-9.
// Figures only; targets are reported, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getQuestionnaire, listItems, type Questionnaire } from '../../survey-forms/src/index';
import { testConfig } from '../support/test-config';
import { writeSipasSample } from './sipas-sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const R_SCRIPT = fileURLToPath(new URL('./r/sipas-svymean.R', import.meta.url));
const TIME = '/usr/bin/time';
const TOLERANCE = 1e-9;

export interface RCompareOptions {
  sizes: number[];
  /** paired runs at sizes up to 20,000 forms, and above */
  smallRuns: number;
  largeRuns: number;
}

interface Run {
  /** elapsed seconds of the whole process, start to exit */
  whole: number;
  /** CPU seconds of the whole process (user + system; null without /usr/bin/time) */
  wholeCpu: number | null;
  /** after start-up: elapsed and CPU seconds */
  compute: number;
  computeCpu: number;
  startup: number;
  peakMb: number;
  out: string;
}

interface Side {
  name: string;
  command: string;
  args: (files: { responses: string; population: string }) => string[];
  /** compute seconds (elapsed, CPU), start-up seconds and self-reported peak from the process's own report */
  report: (stdout: string, stderr: string, whole: number) => { compute: number; computeCpu: number; startup: number; peakMb: number };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs a command to its end, under /usr/bin/time when there is one. */
function runProcess(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null; whole: number; cpu: number | null; peakMb: number | null }> {
  const timed = existsSync(TIME);
  const timeFile = join(tmpdir(), `par-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [cmd, argv] = timed ? [TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const whole = (performance.now() - started) / 1000;
      let cpu: number | null = null;
      let peakMb: number | null = null;
      if (timed && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        const [, user, sys, rss] = last.split(' ').map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpu = (user as number) + (sys as number);
        if (Number.isFinite(rss)) peakMb = (rss as number) / 1024;
        rmSync(timeFile, { force: true });
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, whole, cpu, peakMb });
    });
  });
}

async function run(side: Side, files: { responses: string; population: string }): Promise<Run> {
  const p = await runProcess(side.command, side.args(files));
  if (p.code !== 0) throw new Error(`${side.name} exited ${p.code}: ${p.stderr.slice(-2000)}`);
  const r = side.report(p.stdout, p.stderr, p.whole);
  return { whole: p.whole, wholeCpu: p.cpu, compute: r.compute, computeCpu: r.computeCpu, startup: r.startup, peakMb: p.peakMb ?? r.peakMb, out: p.stdout };
}

/** `par sipas … --timing`: its stderr's last line is {"timing": {seconds, cpu_seconds, peak_rss_mb}}. */
function parReport(_stdout: string, stderr: string) {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  const { timing } = JSON.parse(line) as { timing: { seconds: Record<string, number>; cpu_seconds: Record<string, number>; peak_rss_mb: number } };
  const after = (t: Record<string, number>) => (t.read ?? 0) + (t.estimate ?? 0) + (t.output ?? 0);
  return { compute: after(timing.seconds), computeCpu: after(timing.cpu_seconds), startup: timing.seconds.startup ?? 0, peakMb: timing.peak_rss_mb };
}

function rReport(stdout: string, _stderr: string, whole: number) {
  const r = JSON.parse(stdout) as { seconds: { read: number; estimate: number; read_cpu: number; estimate_cpu: number }; peak_rss_mb: number };
  const compute = r.seconds.read + r.seconds.estimate;
  return { compute, computeCpu: r.seconds.read_cpu + r.seconds.estimate_cpu, startup: whole - compute, peakMb: r.peak_rss_mb };
}

/** Why R cannot run, or null. */
function rProblem(): string | null {
  if (!existsSync(testConfig.rscriptPath)) return `${testConfig.rscriptPath} is not installed (apt-get install -y r-cran-survey)`;
  const r = spawnSync(testConfig.rscriptPath, ['-e', 'suppressMessages(library(survey))'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? null : `R's survey package does not load (apt-get install -y r-cran-survey): ${(r.stderr || String(r.error ?? '')).trim()}`;
}

/** par.ts bundled into one file with esbuild (the dependency tsx runs on), to see start-up without the TypeScript loader. */
async function prebuild(dir: string): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const outfile = join(dir, 'par.mjs');
    await build({
      entryPoints: [join(ROOT, 'server/cli/par.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
      // the one module that finds files next to itself (seeds/) keeps its own location
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'seeds/load-criteria-sets.ts')).href) },
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return outfile;
  } catch (err) {
    console.log(`(no prebuilt par: ${(err as Error).message})`);
    return null;
  }
}

interface Estimates {
  [id: string]: { est: number; se: number };
}

function parEstimates(stdout: string): Estimates {
  const out = JSON.parse(stdout) as { items: { id: string; index: number | null; se: number | null }[] };
  return Object.fromEntries(out.items.map((i) => [i.id, { est: (i.index ?? Number.NaN) / 100, se: (i.se ?? Number.NaN) / 100 }]));
}

function rEstimates(stdout: string): Estimates {
  const out = JSON.parse(stdout) as { items: { id: string; est: number; se: number }[] };
  return Object.fromEntries(out.items.map((i) => [i.id, { est: i.est, se: i.se }]));
}

/** max |Δ| over the estimates and SEs both give (NaN when one is missing). */
function maxDifference(a: Estimates, b: Estimates): { delta: number; compared: number } {
  let delta = 0;
  let compared = 0;
  for (const [id, x] of Object.entries(b)) {
    const y = a[id];
    if (!y) return { delta: Number.NaN, compared };
    delta = Math.max(delta, Math.abs(x.est - y.est), Math.abs(x.se - y.se));
    compared += 2;
  }
  return { delta: Number.isFinite(delta) ? delta : Number.NaN, compared };
}

interface Row {
  forms: number;
  runs: number;
  par: Run[];
  prebuilt: Run[];
  r: Run[];
  delta: number | null;
  compared: number;
}

const f = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
const pad = (cells: string[], widths: number[]): string => cells.map((c, i) => (i === 0 ? c.padStart(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ');
/** median over paired runs of a / b */
const pairedRatio = (a: Run[], b: Run[], pick: (r: Run) => number | null): number | null => {
  const ratios = a.map((x, i) => {
    const [p, q] = [pick(x), b[i] ? pick(b[i] as Run) : null];
    return p !== null && q !== null && q > 0 ? p / q : null;
  });
  return ratios.some((x) => x === null) || ratios.length === 0 ? null : median(ratios as number[]);
};
const med = (runs: Run[], pick: (r: Run) => number | null): number | null => {
  const xs = runs.map(pick);
  return xs.length === 0 || xs.some((x) => x === null) ? null : median(xs as number[]);
};

export async function benchRCompare(options: RCompareOptions): Promise<void> {
  const problem = rProblem();
  console.log(`\n== par sipas against R's survey package (svydesign + 22 × svymean), node ${process.version}`);
  if (problem) console.log(`R not run — ${problem}. ParIndex figures only.`);
  const dir = mkdtempSync(join(tmpdir(), 'par-r-bench-'));
  try {
    const bundle = await prebuild(dir);
    const items = listItems(getQuestionnaire('sipas-2017') as Questionnaire).map((i) => i.id);
    const parArgs = (files: { responses: string; population: string }) => ['sipas', files.responses, '--population', files.population, '--json', '--timing'];
    const par: Side = { name: 'par sipas', command: process.execPath, args: (x) => ['--import', 'tsx', 'server/cli/par.ts', ...parArgs(x)], report: parReport };
    const prebuilt: Side | null = bundle ? { name: 'par sipas (prebuilt)', command: process.execPath, args: (x) => [bundle, ...parArgs(x)], report: parReport } : null;
    const r: Side | null = problem ? null : { name: 'R', command: testConfig.rscriptPath, args: (x) => ['--vanilla', R_SCRIPT, x.responses, x.population, items.join(',')], report: rReport };
    const rows: Row[] = [];
    for (const n of options.sizes) {
      const files = await writeSipasSample(dir, n);
      const runs = n <= 20_000 ? options.smallRuns : options.largeRuns;
      const row: Row = { forms: n, runs, par: [], prebuilt: [], r: [], delta: null, compared: 0 };
      for (let k = 0; k < runs; k++) {
        // alternate who goes first, so neither always gets the warmer page cache
        const order = k % 2 === 0 ? ([['par', par], ['prebuilt', prebuilt], ['r', r]] as const) : ([['r', r], ['prebuilt', prebuilt], ['par', par]] as const);
        for (const [key, side] of order) if (side) row[key].push(await run(side, files));
      }
      if (row.r.length > 0) {
        const d = maxDifference(parEstimates(row.par[0]!.out), rEstimates(row.r[0]!.out));
        row.delta = d.delta;
        row.compared = d.compared;
      }
      rmSync(files.responses, { force: true });
      const p = row.par;
      console.log(
        `${n.toLocaleString('en')} forms (${(files.bytes / 2 ** 20).toFixed(1)} MB), ${runs} paired run(s): ParIndex compute ${f(med(p, (x) => x.compute))} s, whole ${f(med(p, (x) => x.whole))} s` +
          (row.prebuilt.length ? `, prebuilt whole ${f(med(row.prebuilt, (x) => x.whole))} s` : '') +
          (row.r.length ? `; R compute ${f(med(row.r, (x) => x.compute))} s, whole ${f(med(row.r, (x) => x.whole))} s; max |Δ| over ${row.compared} estimates and SEs ${row.delta?.toExponential(1)}${(row.delta ?? Number.NaN) <= TOLERANCE ? ' ≤ 1e-9' : ' > 1e-9 !'}` : ''),
      );
      rows.push(row);
    }
    printTables(rows, r !== null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTables(rows: Row[], withR: boolean): void {
  const w = [9, 11, 9, 6, 9, 9, 6, 11, 9, 6, 10, 8];
  console.log('\nElapsed seconds (median of paired runs; ratio = median of R / ParIndex per pair; compute = after start-up):');
  console.log(pad(['forms', 'PI compute', 'R compute', 'ratio', 'PI whole', 'R whole', 'ratio', 'PI prebuilt', 'R whole', 'ratio', 'PI peak MB', 'R peak MB'], w));
  for (const row of rows) {
    console.log(pad([
      row.forms.toLocaleString('en'),
      f(med(row.par, (x) => x.compute)), f(med(row.r, (x) => x.compute)), f(pairedRatio(row.r, row.par, (x) => x.compute), 1),
      f(med(row.par, (x) => x.whole)), f(med(row.r, (x) => x.whole)), f(pairedRatio(row.r, row.par, (x) => x.whole), 1),
      f(med(row.prebuilt, (x) => x.whole)), f(med(row.r, (x) => x.whole)), f(pairedRatio(row.r, row.prebuilt, (x) => x.whole), 1),
      f(med(row.par, (x) => x.peakMb), 0), f(med(row.r, (x) => x.peakMb), 0),
    ], w));
  }
  console.log('\nCPU seconds (user + system; the machine may be shared, CPU time is the steadier figure):');
  console.log(pad(['forms', 'PI compute', 'R compute', 'ratio', 'PI whole', 'R whole', 'ratio', 'PI prebuilt', 'R whole', 'ratio'], w));
  for (const row of rows) {
    console.log(pad([
      row.forms.toLocaleString('en'),
      f(med(row.par, (x) => x.computeCpu)), f(med(row.r, (x) => x.computeCpu)), f(pairedRatio(row.r, row.par, (x) => x.computeCpu), 1),
      f(med(row.par, (x) => x.wholeCpu)), f(med(row.r, (x) => x.wholeCpu)), f(pairedRatio(row.r, row.par, (x) => x.wholeCpu), 1),
      f(med(row.prebuilt, (x) => x.wholeCpu)), f(med(row.r, (x) => x.wholeCpu)), f(pairedRatio(row.r, row.prebuilt, (x) => x.wholeCpu), 1),
    ], w));
  }
  const startup = (runs: Run[]) => f(med(runs, (x) => x.startup));
  console.log(`\nStart-up (elapsed, median over all runs): ParIndex with tsx ${startup(rows.flatMap((r) => r.par))} s, prebuilt ${startup(rows.flatMap((r) => r.prebuilt))} s, R + survey ${startup(rows.flatMap((r) => r.r))} s`);
  console.log('Growth (each step in forms; compute time ratio):');
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1] as Row, rows[i] as Row];
    const g = (runs: (r: Row) => Run[], pick: (x: Run) => number) => {
      const [x, y] = [med(runs(a), pick), med(runs(b), pick)];
      return x !== null && y !== null && x > 0 ? `×${(y / x).toFixed(1)}` : '—';
    };
    console.log(`  ${a.forms.toLocaleString('en')} → ${b.forms.toLocaleString('en')} (×${(b.forms / a.forms).toFixed(0)}): ParIndex compute ${g((r) => r.par, (x) => x.compute)} (CPU ${g((r) => r.par, (x) => x.computeCpu)}), R compute ${g((r) => r.r, (x) => x.compute)} (CPU ${g((r) => r.r, (x) => x.computeCpu)})`);
  }
  if (!withR) return;
  const at = (n: number) => rows.find((r) => r.forms === n);
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
  const computeAt = (n: number) => {
    const row = at(n);
    const x = row ? pairedRatio(row.r, row.par, (r) => r.compute) : null;
    return x === null ? null : x >= 10;
  };
  const m = at(1_000_000);
  const whole = m ? pairedRatio(m.r, m.par, (r) => r.whole) : null;
  const peak = m ? med(m.par, (r) => r.peakMb) : null;
  console.log(`Targets: compute ≥ 10× R at 200k ${verdict(computeAt(200_000))}, at 1M ${verdict(computeAt(1_000_000))}; whole process ≥ 5× at 1M ${verdict(whole === null ? null : whole >= 5)}; peak ≤ 400 MB at 1M ${verdict(peak === null ? null : peak <= 400)}; all estimates within 1e-9 ${verdict(rows.every((r) => r.delta !== null && r.delta <= TOLERANCE))}`);
}
