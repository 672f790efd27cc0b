// Results endpoint benchmark (`npm run bench -- --only results`, issue 10): GET /api/campaigns/:id/results/sipas
// (all default options: strata = units, Taylor, breakdown by unit) through HTTP (app.inject) on a fresh real PostgreSQL
// database holding 2,000 / 20,000 / 200,000 accepted SIPAS forms (sipas-2017, 40 units with populations, generated in
// SQL by the recompute benchmark's setUp, compact codes filled by the server's backfill). Both paths, forced by
// RESULTS_IN_DATABASE_FROM_FORMS: form by form (threshold above the size) and in the database (threshold 0). One
// warm-up request, then several timed runs each; prints the median and the range. Asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { backfillCodes } from '../../server/features/results/sipas-database.service';
import { createUser } from '../../server/features/users/service';
import { freshDatabase } from '../support/fresh-database';
import { TEST_PASSWORD } from '../support/app';
import { setUp } from './recompute';

const UNITS = 40;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Per run: wall-clock ms, this process's CPU ms, and the CPU ms of the database's server processes when PostgreSQL runs
 * on this machine (/proc; null elsewhere) — CPU figures are less sensitive to other load on a shared machine.
 */
interface PathFigures { path: 'forms' | 'database'; runs: number[]; cpu: number[]; pgCpu: (number | null)[]; bytes: number }

/** CPU ms used so far by the server processes of the current database (null when they are not on this machine). */
async function databaseCpu(db: Kysely<DB>): Promise<number | null> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * (1000 / ticks); // utime, stime
    } catch {
      return null;
    }
  }
  return total;
}

async function oneSize(serverUrl: string, forms: number, runs: number): Promise<{ forms: number; paths: PathFigures[]; maxDelta: number }> {
  const database = await freshDatabase('postgres', serverUrl);
  try {
    const db = database.db;
    const { population, campaignId } = await setUp(db, forms, UNITS);
    await db.insertInto('sipas_population').values([...population].map(([unitId, n]) => ({ campaign_id: campaignId, unit_id: unitId, level: 'all', population: n }))).execute();
    await backfillCodes(db, campaignId);
    await sql`vacuum analyze sipas_form`.execute(db);
    const analyst = await createUser(db, { username: 'bench-analyst', displayName: 'Bench analyst', role: 'analyst', password: TEST_PASSWORD });
    const token = newToken();
    await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: analyst.id, expires_at: new Date(Date.now() + 3600_000) }).execute();
    const paths: PathFigures[] = [];
    const bodies: Record<string, unknown>[] = [];
    for (const path of ['forms', 'database'] as const) {
      const config = loadConfig({
        LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', MAIL_SENDER_INTERVAL_MS: '0', DEMO_DATA: 'false',
        RESULTS_IN_DATABASE_FROM_FORMS: path === 'forms' ? String(forms + 1) : '0',
      });
      const app = await buildApp(config, database, { logger: false });
      await app.ready();
      try {
        const get = async () => {
          const res = await app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/results/sipas`, headers: { cookie: `sid=${token}` } });
          if (res.statusCode !== 200) throw new Error(`results: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
          const body = res.json() as Record<string, unknown>;
          if (body.computation !== path) throw new Error(`asked for the ${path} path, got ${String(body.computation)}`);
          return { body, bytes: res.rawPayload.length };
        };
        const first = await get(); // warm-up (JIT, plan cache)
        bodies.push(first.body);
        const times: number[] = [];
        const cpu: number[] = [];
        const pgCpu: (number | null)[] = [];
        for (let r = 0; r < runs; r++) {
          const p0 = await databaseCpu(db);
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          await get();
          times.push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          cpu.push((c.user + c.system) / 1000);
          const p1 = await databaseCpu(db);
          pgCpu.push(p0 !== null && p1 !== null ? p1 - p0 : null);
        }
        paths.push({ path, runs: times, cpu, pgCpu, bytes: first.bytes });
      } finally {
        await app.close();
      }
    }
    return { forms, paths, maxDelta: maxDifference(bodies[0], bodies[1]) };
  } finally {
    await database.close();
  }
}

/** The largest |Δ| / max(1, |x|) between numbers of two API answers (other than `computation`): the paths must agree. */
function maxDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.reduce<number>((m, x, i) => Math.max(m, maxDifference(x, b[i])), a.length === b.length ? 0 : Infinity);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    let m = 0;
    for (const k of Object.keys(a)) if (k !== 'computation') m = Math.max(m, maxDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    return m;
  }
  return a === b || (a === null && b === null) ? 0 : Infinity;
}

export async function benchResults(serverUrl: string, sizes: readonly number[] = [2000, 20_000, 200_000]) {
  console.log(`\n== Results endpoint (GET …/results/sipas, default options, breakdown by ${UNITS} units) on real PostgreSQL, through HTTP (app.inject)`);
  console.log('   forms | path     | runs | median ms |   min ms |   max ms | Node CPU ms | PostgreSQL CPU ms | response | max rel. |Δ| between paths');
  const out = [];
  for (const forms of sizes) {
    const runs = forms >= 200_000 ? 3 : forms >= 20_000 ? 5 : 9;
    const r = await oneSize(serverUrl, forms, runs);
    for (const p of r.paths) {
      console.log(`${String(forms).padStart(8)} | ${p.path.padEnd(8)} | ${String(runs).padStart(4)} | ${median(p.runs).toFixed(0).padStart(9)} | ${Math.min(...p.runs).toFixed(0).padStart(8)} | ${Math.max(...p.runs).toFixed(0).padStart(8)} | ${median(p.cpu).toFixed(0).padStart(11)} | ${(p.pgCpu.includes(null) ? '–' : median(p.pgCpu as number[]).toFixed(0)).padStart(17)} | ${(p.bytes / 1024).toFixed(0).padStart(5)} kB | ${p.path === 'database' ? r.maxDelta.toExponential(1) : ''}`);
    }
    out.push(r);
  }
  return out;
}
