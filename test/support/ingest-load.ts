// Phones posting SIPAS batches to a real server over HTTP, from another process than the server's: for the fault
// tests (test/faults) and the ingest benchmark (test/bench/ingest.ts). Also seeds what the forms need.
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../server/db/database';
import type { DB } from '../../server/db/schema';
import type { FormEnvelope } from '../../server/features/fieldwork/envelope';
import { plantTruth, syntheticForms } from '../../server/features/fieldwork/synthetic';
import { getQuestionnaire } from '../../survey-forms/src/index';
import { fieldworkScenario, type FieldworkScenario } from './fieldwork';
import type { prepareServerData } from './server-process';

type Prepared = Awaited<ReturnType<typeof prepareServerData>>;

/** Opens what prepareServerData made (the PGlite folder, or the PostgreSQL database), for seeding and counting. */
export async function openPrepared(prep: Prepared) {
  return prep.env.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: prep.env.DATABASE_URL })
    : openDatabase({ kind: 'pglite', dataDir: join(prep.dataDir, 'pglite') });
}

/** The fieldwork scenario (campaign, plan, two units, two enumerators) in prepared data, quotas out of the way. */
export async function seedIngestScenario(prep: Prepared): Promise<FieldworkScenario> {
  const database = await openPrepared(prep);
  try {
    const s = await fieldworkScenario({ database, users: prep.users });
    await database.db.updateTable('fieldwork_quota').set({ target: 10_000_000 }).execute();
    return s;
  } finally {
    await database.close();
  }
}

/** Complete synthetic SIPAS forms for both enumerators of the scenario, uploaded on their behalf (by an admin). */
export function ingestForms(s: FieldworkScenario, count: number, seed: number): FormEnvelope[] {
  const q = getQuestionnaire('sipas-2017', 1)!;
  const units = [{ unitId: s.unitA, name: 'A', latitude: 22.8233, longitude: 104.9836 }, { unitId: s.unitB, name: 'B', latitude: 22.496, longitude: 104.864 }];
  return syntheticForms({
    campaignId: s.campaignId, questionnaireId: 'sipas-2017', questionnaireVersion: 1, units,
    enumerators: [{ userId: s.enumerator1, unitIds: [s.unitA, s.unitB] }, { userId: s.enumerator2, unitIds: [s.unitA] }],
    truth: plantTruth(units, q, 1), onBehalf: true,
  }, count, seed);
}

/** Forms cut into batches of the given sizes, taken in turn (e.g. [150, 500, 320]). */
export function cutIntoBatches(forms: FormEnvelope[], sizes: number[]): FormEnvelope[][] {
  const batches: FormEnvelope[][] = [];
  for (let i = 0, k = 0; i < forms.length; k++) {
    const n = sizes[k % sizes.length]!;
    batches.push(forms.slice(i, i + n));
    i += n;
  }
  return batches;
}

/** How many rows the prepared database holds and how many distinct clientUuids among them. */
export async function countStored(db: Kysely<DB>): Promise<{ rows: number; distinct: number }> {
  const r = await db.selectFrom('sipas_form')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('client_uuid').distinct().as('distinct')])
    .executeTakeFirstOrThrow();
  return { rows: Number(r.rows), distinct: Number(r.distinct) };
}

export interface PhoneResponse {
  status: number; // 0: no HTTP answer (connection refused or reset)
  code: string | null; // error.code of a non-200 answer
  retryable: boolean;
  retryAfter: string | null;
  ms: number;
  /** receipts that were not 'stored' (200 answers only) */
  notStored: number;
}

export interface PhonesOptions {
  origin: string;
  cookie: string;
  batches: FormEnvelope[][];
  clients: number;
  /** share of batches sent a second time after a 200, as a phone that lost the receipt does */
  resendShare?: number;
  /** send a batch again after an answer other than 200 (with the same clientUuids), after this many ms */
  resendFailedAfterMs?: number;
  /** stop resending when this says so (e.g. the server process died: nobody will ever answer) */
  keepTrying?: () => boolean;
}

export interface PhonesRun {
  /** every answer so far, in order of arrival */
  responses: PhoneResponse[];
  /** resolves when every batch got a 200 (or, without resendFailedAfterMs, an answer) */
  done: Promise<{ seconds: number }>;
  /** resolves once `n` answers have arrived */
  answered(n: number): Promise<void>;
}

function post(agent: http.Agent, origin: string, body: string, cookie: string): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const url = new URL('/api/fieldwork/submissions', origin);
  return new Promise((resolve) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie, origin },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
      res.on('error', () => resolve({ status: 0, text: '', retryAfter: null }));
    });
    req.on('error', () => resolve({ status: 0, text: '', retryAfter: null }));
    req.end(body);
  });
}

function readAnswer(status: number, text: string): { code: string | null; retryable: boolean; notStored: number } {
  try {
    const body = JSON.parse(text) as { receipts?: { status: string }[]; error?: { code?: string; retryable?: boolean } };
    if (status === 200) return { code: null, retryable: false, notStored: (body.receipts ?? []).filter((r) => r.status !== 'stored').length };
    return { code: body.error?.code ?? null, retryable: body.error?.retryable === true, notStored: 0 };
  } catch {
    return { code: null, retryable: false, notStored: 0 };
  }
}

/**
 * `clients` phones share a queue of batches; each posts one batch at a time (keep-alive connection of its own).
 * A share of batches is resent after a 200; with resendFailedAfterMs, a batch without a 200 goes back to the queue.
 */
export function runPhones(opts: PhonesOptions): PhonesRun {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const bodies = opts.batches.map((b) => JSON.stringify({ forms: b }));
  const queue = [...bodies];
  const responses: PhoneResponse[] = [];
  const waiters: { n: number; ok: () => void }[] = [];
  let inFlight = 0;
  let resendCredit = 0;
  const started = performance.now();
  const phone = async () => {
    for (;;) {
      const body = queue.shift();
      if (body === undefined) {
        if (inFlight === 0) return;
        await new Promise((r) => setTimeout(r, 20)); // another phone's batch may still come back for a resend
        continue;
      }
      inFlight++;
      const t0 = performance.now();
      const res = await post(agent, opts.origin, body, opts.cookie);
      inFlight--;
      responses.push({ status: res.status, retryAfter: res.retryAfter, ms: performance.now() - t0, ...readAnswer(res.status, res.text) });
      for (const w of waiters.filter((x) => responses.length >= x.n)) { waiters.splice(waiters.indexOf(w), 1); w.ok(); }
      if (res.status !== 200 && opts.resendFailedAfterMs !== undefined && (opts.keepTrying?.() ?? true)) {
        await new Promise((r) => setTimeout(r, opts.resendFailedAfterMs));
        queue.push(body);
        continue;
      }
      resendCredit += opts.resendShare ?? 0;
      if (res.status === 200 && resendCredit >= 1) {
        resendCredit -= 1;
        queue.push(body); // the receipt got lost on the way: the phone sends the same batch again
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.clients }, phone)).then(() => {
    agent.destroy();
    return { seconds: (performance.now() - started) / 1000 };
  });
  return {
    responses,
    done,
    answered: (n) => (responses.length >= n ? Promise.resolve() : new Promise((ok) => waiters.push({ n, ok }))),
  };
}
