import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getQuestionnaire } from '../../survey-forms/src/index';
import { openDatabase } from '../../server/db/database';
import { analysisCodes } from '../../server/features/survey-codes/analysis-codes';
import { describeEachDb } from '../support/databases';
import { testConfig } from '../support/test-config';
import { TEST_PASSWORD } from '../support/app';
import { envelope, type FieldworkScenario } from '../support/fieldwork';
import { loginOverHttp, prepareServerData, startServerProcess, type ServerProcess } from '../support/server-process';

const PHONES = 6;
const FORMS_PER_PHONE = 150;
const BATCH = 25;
/** kill the server when this share of the forms has been acknowledged (and a post is in flight) */
const KILL_AT = [0.1, 0.35, 0.6, 0.85];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Receipt = { clientUuid: string | null; status: string; duplicate: boolean; formId?: string; error?: { code: string } };

/**
 * "Server kill during ingest" (issue 9): phones post batches concurrently to the real server process and resend any
 * batch that got no 200, with the same clientUuids, as the enumerator app does; the server is killed with SIGKILL
 * in the middle of the stream several times and started again on the same data and port. In the end every form is
 * stored exactly once — none lost, none duplicated — and none half-written: each row holds the answers and
 * paradata sent and the analysis codes derived from them (ingest writes one row per form, nothing else), and each
 * receipt the phones kept names the stored row.
 */
describeEachDb('server killed during ingest', (kind) => {
  let data: Awaited<ReturnType<typeof prepareServerData>>;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    data = await prepareServerData(kind, testConfig.testDatabaseUrl);
  });
  afterAll(async () => {
    await server?.kill();
    await data?.cleanup();
  });

  it(`stores each of ${PHONES * FORMS_PER_PHONE} forms exactly once through ${KILL_AT.length} kills`, { timeout: 600_000 }, async () => {
    server = await startServerProcess({ env: data.env, dataDir: data.dataDir });
    const { origin, port } = server;
    const admin = await loginOverHttp(origin, 'test-admin', TEST_PASSWORD);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${origin}${path}`, { method, headers: { cookie: admin, origin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    };

    // set-up as an analyst does it: units, a campaign in fieldwork with a plan, enumerators assigned to both units
    const { unit: province } = await call('POST', '/api/units', { code: 'IK', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    const units = await Promise.all(['IK-A', 'IK-B'].map(async (code) => (await call('POST', '/api/units', { code, name: `Huyện ${code}`, parentId: province.id, kind: 'district', group: 'huyen' })).unit.id as string));
    const { campaign } = await call('POST', '/api/campaigns', { name: 'SIPAS 2025', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: units, previousCampaignId: null });
    await call('PATCH', `/api/campaigns/${campaign.id}`, { status: 'fieldwork' });
    const day = (d: number) => new Date(Date.now() + d * 86400_000).toISOString().slice(0, 10);
    await call('PUT', `/api/campaigns/${campaign.id}/fieldwork/plan`, { questionnaireId: 'sipas-2017', questionnaireVersion: 1, startsOn: day(-30), endsOn: day(30), minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
    const enumerators = await Promise.all(Array.from({ length: PHONES }, async (_, i) =>
      (await call('POST', '/api/users', { username: `phone-${i + 1}`, displayName: `Điều tra viên ${i + 1}`, role: 'enumerator', password: TEST_PASSWORD, mustChangePassword: false })).user.id as string));
    await call('PUT', `/api/campaigns/${campaign.id}/fieldwork/assignments`, { enumerators: enumerators.map((userId) => ({ userId, unitIds: units })), supervisors: [] });
    const cookies = await Promise.all(enumerators.map((_, i) => loginOverHttp(origin, `phone-${i + 1}`, TEST_PASSWORD)));

    // each phone's outbox: forms made as the app makes them (clientUuid fixed when the form is started)
    const s = { campaignId: campaign.id, unitA: units[0]!, unitB: units[1]! } as FieldworkScenario;
    const sent = new Map<string, { phone: number; form: ReturnType<typeof envelope> }>();
    const outboxes = enumerators.map((_, phone) => Array.from({ length: FORMS_PER_PHONE }, (_, i) => {
      const form = envelope(s, { unitId: units[i % 2]! });
      sent.set(form.clientUuid, { phone, form });
      return form;
    }));
    const total = sent.size;

    const kept = new Map<string, Receipt>(); // the receipt each phone keeps when it deletes the form
    const refusedForms: Receipt[] = [];
    const statuses = new Map<number, number>();
    let cutPosts = 0; // the server died while the post was on its way or being answered
    let refusedConnections = 0; // the server was down
    let inFlight = 0;
    let posts = 0;
    const phone = async (p: number) => {
      const outbox = outboxes[p]!;
      while (outbox.length > 0) {
        const batch = outbox.slice(0, BATCH);
        let receipts: Receipt[] | null = null;
        inFlight++;
        posts++;
        try {
          const res = await fetch(`${origin}/api/fieldwork/submissions`, {
            method: 'POST', headers: { cookie: cookies[p]!, origin, 'content-type': 'application/json' }, body: JSON.stringify({ forms: batch }),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) receipts = ((await res.json()) as { receipts: Receipt[] }).receipts;
        } catch (err) {
          // the server died under the request, or is not up yet: resend the same batch
          if ((err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') refusedConnections++;
          else cutPosts++;
        } finally {
          inFlight--;
        }
        if (!receipts) {
          await sleep(50);
          continue;
        }
        receipts.forEach((r, i) => {
          const form = batch[i]!;
          if (r.status === 'stored') kept.set(form.clientUuid, r);
          else refusedForms.push(r);
          outbox.splice(outbox.indexOf(form), 1);
        });
      }
    };
    let kills = 0;
    const killer = async () => {
      for (const share of KILL_AT) {
        while (kept.size + refusedForms.length < share * total) await sleep(5);
        while (inFlight === 0) await sleep(1);
        await sleep(Math.random() * 30); // anywhere in the request: reading, validating, inserting, answering
        await server!.kill();
        kills++;
        server = await startServerProcess({ env: data.env, dataDir: data.dataDir, port });
      }
    };
    await Promise.all([killer(), ...enumerators.map((_, p) => phone(p))]);
    await server.stop();
    server = null;

    // what is in the database, read directly after a clean stop
    const database = await openDatabase(kind === 'pglite' ? { kind: 'pglite', dataDir: join(data.dataDir, 'pglite') } : { kind: 'postgres', url: data.env.DATABASE_URL! });
    const rows = await database.db.selectFrom('sipas_form').select(['id', 'client_uuid', 'enumerator_id', 'answers', 'paradata', 'analysis_codes', 'flags']).execute();
    await database.close();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.client_uuid, (counts.get(r.client_uuid) ?? 0) + 1);
    const lost = [...sent.keys()].filter((u) => !counts.has(u));
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const strangers = rows.filter((r) => !sent.has(r.client_uuid));
    const q = getQuestionnaire('sipas-2017', 1)!;
    const halfWritten = rows.filter((r) => {
      const { phone: p, form } = sent.get(r.client_uuid)!;
      return r.enumerator_id !== enumerators[p]
        || !isDeepStrictEqual(r.answers, JSON.parse(JSON.stringify(form.answers)))
        || !isDeepStrictEqual(r.paradata, form.paradata)
        || !r.analysis_codes || !Buffer.from(r.analysis_codes).equals(analysisCodes(q, form.answers))
        || !Array.isArray(r.flags);
    });
    const idOf = new Map(rows.map((r) => [r.client_uuid, r.id]));
    const wrongReceipts = [...kept].filter(([uuid, r]) => r.formId !== idOf.get(uuid));
    const storedBeforeAnswered = [...kept.values()].filter((r) => r.duplicate).length; // stored, receipt lost in the kill, resent

    const statusText = [...statuses].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`).join(' ');
    console.info(`ingest-kill [${kind}]: ${total} forms sent by ${PHONES} phones in ${posts} posts (HTTP ${statusText}; ${cutPosts} cut by ${kills} kills, ${refusedConnections} refused while down); ${storedBeforeAnswered} forms stored but unanswered before a kill and answered as duplicates on resend; stored ${rows.length}, lost ${lost.length}, duplicated ${duplicated}, half-written ${halfWritten.length}, refused ${refusedForms.length}`);
    expect(kills).toBe(KILL_AT.length);
    expect(cutPosts).toBeGreaterThan(0); // the kills did land on posts in flight
    expect(refusedForms).toEqual([]);
    expect([...statuses.keys()].filter((c) => c !== 200)).toEqual([]);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(strangers).toEqual([]);
    expect(halfWritten.map((r) => r.client_uuid)).toEqual([]);
    expect(rows).toHaveLength(total);
    expect(wrongReceipts).toEqual([]);
  });
});
