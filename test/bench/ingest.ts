// Ingest benchmark (part of `npm run bench`): concurrent clients post batches of SIPAS forms to the real HTTP
// server, backed by real PostgreSQL and by PGlite; 10 % of batches are resent. Prints forms per second, request
// latency p50 / p99, and the raw PostgreSQL insert rate of the same rows (how close the HTTP path is to the
// database's own limit). Checks that no form is lost or stored twice. Prints figures; asserts nothing about time.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { quantile } from 'simple-statistics';
import { startTestApp, type TestApp } from '../support/app';
import type { DbKind } from '../support/fresh-database';
import { fieldworkScenario } from '../support/fieldwork';
import { syntheticForms, plantTruth } from '../../server/features/fieldwork/synthetic';
import { getQuestionnaire } from '../../survey-forms/src/index';

export interface IngestOptions {
  forms: number;
  batchSize: number;
  clients: number;
  resendShare: number;
}

function postJson(agent: http.Agent, port: number, path: string, body: string, cookie: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function prepare(kind: DbKind, serverUrl: string | undefined, opts: IngestOptions) {
  const t = await startTestApp(kind, { LOG_LEVEL: 'silent' }, serverUrl);
  const s = await fieldworkScenario(t);
  await t.database.db.updateTable('fieldwork_quota').set({ target: 10_000_000 }).execute();
  const q = getQuestionnaire('sipas-2017', 1)!;
  const units = [{ unitId: s.unitA, name: 'A', latitude: 22.8233, longitude: 104.9836 }, { unitId: s.unitB, name: 'B', latitude: 22.496, longitude: 104.864 }];
  const forms = syntheticForms({
    campaignId: s.campaignId, questionnaireId: 'sipas-2017', questionnaireVersion: 1, units,
    enumerators: [{ userId: s.enumerator1, unitIds: [s.unitA, s.unitB] }, { userId: s.enumerator2, unitIds: [s.unitA] }],
    truth: plantTruth(units, q, 1), onBehalf: true,
  }, opts.forms, 42);
  const batches: string[] = [];
  for (let i = 0; i < forms.length; i += opts.batchSize) batches.push(JSON.stringify({ forms: forms.slice(i, i + opts.batchSize) }));
  return { t, forms, batches };
}

async function httpRun(t: TestApp, batches: string[], opts: IngestOptions) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  const cookie = await t.cookieFor('admin'); // on behalf of both enumerators (a supervisor uploads only for their own)
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const latencies: number[] = [];
  let refused = 0;
  let failed = 0;
  let next = 0;
  let resendCredit = 0;
  const queue: string[] = [...batches];
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, async () => {
    for (;;) {
      const body = queue[next++];
      if (body === undefined) return;
      const t0 = performance.now();
      const res = await postJson(agent, port, '/api/fieldwork/submissions', body, cookie);
      latencies.push(performance.now() - t0);
      if (res.status !== 200) failed++;
      else refused += (JSON.parse(res.text) as { receipts: { status: string }[] }).receipts.filter((r) => r.status !== 'stored').length;
      resendCredit += opts.resendShare;
      if (resendCredit >= 1) {
        resendCredit -= 1;
        queue.push(body); // a phone that lost the receipt sends the batch again
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, latencies, refused, failed, requests: queue.length };
}

/** The same rows straight into PostgreSQL with Kysely, same batch size and concurrency: the database's own pace. */
async function rawInsertRate(t: TestApp, opts: IngestOptions) {
  const db = t.database.db;
  const rows = await db.selectFrom('sipas_form').selectAll().execute();
  await db.deleteFrom('sipas_form').execute();
  const toInsert = rows.map(({ id: _id, ...r }) => ({ ...r, answers: JSON.stringify(r.answers), paradata: JSON.stringify(r.paradata), flags: JSON.stringify(r.flags) }));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, async () => {
    for (;;) {
      const i = next;
      next += opts.batchSize;
      if (i >= toInsert.length) return;
      await db.insertInto('sipas_form').values(toInsert.slice(i, i + opts.batchSize)).onConflict((oc) => oc.column('client_uuid').doNothing()).execute();
    }
  }));
  return toInsert.length / ((performance.now() - started) / 1000);
}

export async function benchIngest(kind: DbKind, serverUrl: string | undefined, opts: IngestOptions) {
  const { t, forms, batches } = await prepare(kind, serverUrl, opts);
  try {
    const run = await httpRun(t, batches, opts);
    const stored = await t.database.db.selectFrom('sipas_form').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const distinct = await t.database.db.selectFrom('sipas_form').select((eb) => eb.fn.count<number>('client_uuid').distinct().as('n')).executeTakeFirstOrThrow();
    const lost = forms.length - Number(distinct.n);
    const duplicated = Number(stored.n) - Number(distinct.n);
    const raw = await rawInsertRate(t, opts);
    const rate = forms.length / run.seconds;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`\n== Ingest over HTTP, ${kind === 'postgres' ? 'real PostgreSQL' : 'PGlite (embedded)'}: ${forms.length} forms in ${batches.length} batches of ${opts.batchSize}, ${opts.clients} concurrent clients, ${run.requests - batches.length} batches resent`);
    console.log(`forms/s (unique forms stored ÷ wall time)   ${rate.toFixed(0)}`);
    console.log(`request latency p50 / p99 / max            ${ms(quantile(run.latencies, 0.5))} / ${ms(quantile(run.latencies, 0.99))} / ${ms(Math.max(...run.latencies))}`);
    console.log(`raw insert rate of the same rows          ${raw.toFixed(0)} rows/s  (HTTP path at ${((100 * rate) / raw).toFixed(0)} % of it)`);
    console.log(`lost ${lost}, duplicated ${duplicated}, refused ${run.refused}, failed requests ${run.failed}`);
    return { rate, p50: quantile(run.latencies, 0.5), p99: quantile(run.latencies, 0.99), raw, lost, duplicated };
  } finally {
    await t.close();
  }
}
