// The default `npm start` configuration (embedded PGlite: one database session) under 16 phones posting batches
// of 150–500 complete forms at once, some sent twice: no request's statements or transaction may mix with another's.
// Real server process; the load comes from this process. Counts, never times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldworkScenario } from '../support/fieldwork';
import { countStored, cutIntoBatches, ingestForms, openPrepared, runPhones, seedIngestScenario } from '../support/ingest-load';
import { loginOverHttp, prepareServerData, startServerProcess, type ServerProcess } from '../support/server-process';
import { TEST_PASSWORD } from '../support/app';

const CLIENTS = 16;
const FORMS = 9_600; // 32 batches of 150–500: two to three each
const BATCH_SIZES = [150, 500, 230, 410, 320, 180, 470, 260];

describe('PGlite under 16 concurrent phones (real server process)', () => {
  let prep: Awaited<ReturnType<typeof prepareServerData>>;
  let server: ServerProcess;
  let s: FieldworkScenario;

  beforeAll(async () => {
    prep = await prepareServerData('pglite');
    s = await seedIngestScenario(prep);
    server = await startServerProcess({ env: prep.env, dataDir: prep.dataDir });
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    await prep?.cleanup();
  });

  it('answers every batch with 200 and stores every form exactly once', async () => {
    const forms = ingestForms(s, FORMS, 7);
    const batches = cutIntoBatches(forms, BATCH_SIZES);
    // a 22 MB batch (500 forms with long free-text remarks) rides along: it must not be the one that fails
    const remark = 'Cán bộ tiếp dân nhiệt tình, thủ tục rõ ràng; thời gian chờ còn dài. '.repeat(120);
    const notes = Object.fromEntries([1, 2, 3, 4].map((i) => [`note${i}`, remark]));
    const big = ingestForms(s, 500, 8).map((f) => ({ ...f, paradata: { ...f.paradata, ...notes } }));
    expect(Buffer.byteLength(JSON.stringify({ forms: big }))).toBeGreaterThan(20_000_000);
    batches.splice(3, 0, big);
    const cookie = await loginOverHttp(server.origin, 'test-admin', TEST_PASSWORD);

    const run = runPhones({ origin: server.origin, cookie, batches, clients: CLIENTS, resendShare: 0.15 });
    await run.done;

    const failures = run.responses.filter((r) => r.status !== 200);
    expect(failures.map((r) => `${r.status} ${r.code}`)).toEqual([]);
    expect(run.responses.length).toBeGreaterThan(batches.length); // some batches really were sent twice
    expect(run.responses.reduce((a, r) => a + r.notStored, 0)).toBe(0);
    expect(server.alive()).toBe(true);
    expect(server.output()).not.toMatch(/unhandled error|08P01|bind message/);

    await server.stop(); // PGlite: one process at a time
    const database = await openPrepared(prep);
    try {
      const stored = await countStored(database.db);
      expect(stored).toEqual({ rows: FORMS + 500, distinct: FORMS + 500 });
      const uuids = new Set((await database.db.selectFrom('sipas_form').select('client_uuid').execute()).map((r) => r.client_uuid));
      expect([...forms, ...big].filter((f) => !uuids.has(f.clientUuid))).toEqual([]);
    } finally {
      await database.close();
    }
  }, 600_000);
});
