// Ingest benchmark (part of `npm run bench`): the real server runs as its own process (what `npm start` runs), on
// PGlite or on real PostgreSQL; this process is the load generator — 1, 4 and 16 phones post batches (50 and 500) of SIPAS forms
// over HTTP, 10 % of batches resent. Prints forms per second, request latency p50 / p99, 5xx answers, lost and
// duplicated forms, and the raw INSERT rate of the same rows into the same database (after the server has stopped:
// how close the HTTP path is to the database's own limit). Prints figures; asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { quantile } from 'simple-statistics';
import type { DB } from '../../server/db/schema';
import type { DbKind } from '../support/fresh-database';
import { countStored, cutIntoBatches, ingestForms, openPrepared, runPhones, seedIngestScenario } from '../support/ingest-load';
import { loginOverHttp, prepareServerData, startServerProcess } from '../support/server-process';
import { TEST_PASSWORD } from '../support/app';

export interface IngestOptions {
  forms: number;
  batchSizes: number[];
  clients: number[];
  resendShare: number;
}

interface IngestFigures {
  batch: number;
  clients: number;
  forms: number;
  requests: number;
  rate: number;
  p50: number;
  p99: number;
  server5xx: number;
  lost: number;
  duplicated: number;
  raw: number;
}

/**
 * The stored rows again, straight into the database as a bulk loader with the same guarantee would write them: one
 * multi-row INSERT … ON CONFLICT (client_uuid) DO NOTHING per batch, same batch size and concurrency, rows ready
 * (JSON already text). The table is emptied and vacuumed first, so that the raw run, like the HTTP run, writes into
 * a table without the dead copies of the same clientUuids (their index entries would slow every uniqueness check).
 */
async function rawInsertRate(db: Kysely<DB>, clients: number, batchSize: number) {
  const rows = await db.selectFrom('sipas_form').selectAll().execute();
  await db.deleteFrom('sipas_form').execute();
  await sql`vacuum sipas_form`.execute(db);
  const toInsert = rows.map(({ id: _id, ...r }) => ({ ...r, answers: JSON.stringify(r.answers), paradata: JSON.stringify(r.paradata), flags: JSON.stringify(r.flags) }));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      const i = next;
      next += batchSize;
      if (i >= toInsert.length) return;
      await db.insertInto('sipas_form').values(toInsert.slice(i, i + batchSize)).onConflict((oc) => oc.column('client_uuid').doNothing()).execute();
    }
  }));
  return toInsert.length / ((performance.now() - started) / 1000);
}

async function oneRun(kind: DbKind, serverUrl: string | undefined, opts: IngestOptions, batchSize: number, clients: number): Promise<IngestFigures> {
  const prep = await prepareServerData(kind, serverUrl);
  try {
    const s = await seedIngestScenario(prep);
    const server = await startServerProcess({ env: { ...prep.env, LOG_LEVEL: 'error' }, dataDir: prep.dataDir });
    let run;
    let seconds;
    const forms = ingestForms(s, opts.forms, 42);
    try {
      const cookie = await loginOverHttp(server.origin, 'test-admin', TEST_PASSWORD); // on behalf of both enumerators
      run = runPhones({ origin: server.origin, cookie, batches: cutIntoBatches(forms, [batchSize]), clients, resendShare: opts.resendShare });
      ({ seconds } = await run.done);
    } finally {
      await server.stop(); // PGlite: one process at a time
    }
    const database = await openPrepared(prep);
    try {
      const stored = await countStored(database.db);
      const raw = await rawInsertRate(database.db, clients, batchSize);
      const ms = run.responses.map((r) => r.ms);
      return {
        batch: batchSize, clients, forms: forms.length, requests: run.responses.length, rate: stored.distinct / seconds,
        p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), server5xx: run.responses.filter((r) => r.status >= 500).length,
        lost: forms.length - stored.distinct, duplicated: stored.rows - stored.distinct, raw,
      };
    } finally {
      await database.close();
    }
  } finally {
    await prep.cleanup();
  }
}

export async function benchIngest(kind: DbKind, serverUrl: string | undefined, opts: IngestOptions) {
  console.log(`\n== Ingest over HTTP to the real server process, ${kind === 'postgres' ? 'real PostgreSQL' : 'PGlite (embedded, the default)'}: ${opts.forms} forms a run, ${Math.round(opts.resendShare * 100)} % of batches resent; load from a separate process`);
  console.log('batch  clients  forms/s  p50 ms  p99 ms  5xx  lost  dupl  raw INSERT rows/s  (HTTP at % of raw)');
  const all: IngestFigures[] = [];
  for (const batchSize of opts.batchSizes) {
    for (const clients of opts.clients) {
      const f = await oneRun(kind, serverUrl, opts, batchSize, clients);
      all.push(f);
      console.log(`${String(f.batch).padStart(5)}  ${String(f.clients).padStart(7)}  ${f.rate.toFixed(0).padStart(7)}  ${f.p50.toFixed(0).padStart(6)}  ${f.p99.toFixed(0).padStart(6)}  ${String(f.server5xx).padStart(3)}  ${String(f.lost).padStart(4)}  ${String(f.duplicated).padStart(4)}  ${f.raw.toFixed(0).padStart(17)}  (${((100 * f.rate) / f.raw).toFixed(0)} %)`);
    }
  }
  return all;
}
