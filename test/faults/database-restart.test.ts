// PostgreSQL restarts (pg_ctl restart -m fast) and dies (kill -9 of the postmaster) while phones post forms to the
// real server process. The server must stay up, answer the requests it cannot serve with 503 database_unavailable
// (retryable, Retry-After), serve again once the database is back, and the phones' resends must store every form
// exactly once. Runs against a private cluster this test starts itself (initdb on a free port), never the shared one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldworkScenario } from '../support/fieldwork';
import { countStored, cutIntoBatches, ingestForms, openPrepared, runPhones, seedIngestScenario, type PhonesRun } from '../support/ingest-load';
import { postgresBinDir, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { loginOverHttp, prepareServerData, startServerProcess, type ServerProcess } from '../support/server-process';
import { TEST_PASSWORD } from '../support/app';
import { testConfig } from '../support/test-config';

const CLIENTS = 6;
const FORMS_PER_RUN = 9_000;

// without the PostgreSQL binaries: a failure under CI, a skip (saying why) elsewhere
const runnable = testConfig.ci || postgresBinDir() !== null;
const describeWithPg = runnable ? describe : describe.skip;
if (!runnable) console.warn('database-restart: skipped, no PostgreSQL binaries under /usr/lib/postgresql (CI=true would fail)');

async function health(origin: string) {
  try {
    const res = await fetch(`${origin}/api/health`);
    return { status: res.status, body: (await res.json()) as { error?: { code: string; retryable?: boolean } } };
  } catch {
    return { status: 0, body: {} };
  }
}

/** Waits until GET /api/health answers 200 (the server reconnected by itself); bounded by the test's timeout. */
async function healthyAgain(server: ServerProcess) {
  while (server.alive() && (await health(server.origin)).status !== 200) await new Promise((r) => setTimeout(r, 200));
}

describeWithPg('PostgreSQL restarts and dies under ingest load (real server process, private cluster)', () => {
  let cluster: PgCluster;
  let prep: Awaited<ReturnType<typeof prepareServerData>>;
  let server: ServerProcess;
  let s: FieldworkScenario;
  let cookie: string;
  let sent = 0;
  let seed = 100;

  beforeAll(async () => {
    cluster = await startPgCluster();
    prep = await prepareServerData('postgres', cluster.url);
    s = await seedIngestScenario(prep);
    server = await startServerProcess({ env: prep.env, dataDir: prep.dataDir });
    cookie = await loginOverHttp(server.origin, 'test-admin', TEST_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    await prep?.cleanup().catch(() => {});
    await cluster?.destroy();
  });

  /** Phones (resending any batch without a 200, same clientUuids) post FORMS_PER_RUN new forms; `fault` strikes meanwhile. */
  async function underLoad(fault: (run: PhonesRun) => Promise<void>) {
    const forms = ingestForms(s, FORMS_PER_RUN, seed++);
    sent += forms.length;
    const run = runPhones({ origin: server.origin, cookie, batches: cutIntoBatches(forms, [60, 150, 90]), clients: CLIENTS, resendFailedAfterMs: 250, keepTrying: () => server.alive() });
    await run.answered(CLIENTS * 2); // every phone is busy
    const before = run.responses.length;
    await fault(run);
    await run.done; // every batch got its 200 in the end
    return { run, before };
  }

  function expectCleanOutage(run: PhonesRun, before: number) {
    const failed = run.responses.filter((r) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(0); // the fault was felt by requests in flight
    // each failure is a clear, retryable 503: never a 500, never a dropped connection (which a dead process gives)
    expect(failed.map((r) => `${r.status} ${r.code} retryable=${r.retryable} retry-after=${r.retryAfter !== null}`))
      .toEqual(failed.map(() => '503 database_unavailable retryable=true retry-after=true'));
    // and posts succeed again afterwards, with no restart of the server
    const lastFailure = run.responses.lastIndexOf(failed[failed.length - 1]!);
    expect(lastFailure).toBeGreaterThanOrEqual(before);
    expect(run.responses.slice(lastFailure + 1).some((r) => r.status === 200)).toBe(true);
    expect(run.responses.reduce((a, r) => a + r.notStored, 0)).toBe(0);
    expect(server.alive()).toBe(true);
    expect(server.output()).not.toMatch(/Unhandled 'error' event|unhandled error/);
  }

  it('a fast restart: in-flight requests get 503 database_unavailable, posts succeed again, the server stays up', async () => {
    const pidBefore = cluster.pid();
    const { run, before } = await underLoad(async () => {
      await cluster.restartFast();
    });
    expect(cluster.pid()).not.toBe(pidBefore);
    expectCleanOutage(run, before);
  }, 600_000);

  it('kill -9 of the postmaster: 503 while it is down (health too), posts succeed again once it is back', async () => {
    const { run, before } = await underLoad(async (load) => {
      await cluster.killPostmaster();
      const down = await health(server.origin);
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ code: 'database_unavailable', retryable: true });
      await load.answered(load.responses.length + CLIENTS); // phones keep trying while it is down
      await cluster.start();
      await healthyAgain(server);
    });
    expectCleanOutage(run, before);
  }, 600_000);

  it('in the end every form sent is stored exactly once', async () => {
    const database = await openPrepared(prep);
    try {
      expect(await countStored(database.db)).toEqual({ rows: sent, distinct: sent });
    } finally {
      await database.close();
    }
  });
});
