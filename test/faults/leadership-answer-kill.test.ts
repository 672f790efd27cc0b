import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database';
import { loadPoolKey } from '../../server/features/leadership/answer-pool-key';
import { openAnswer } from '../../server/features/leadership/answer-seal';
import { MIX_SIZE } from '../../server/features/leadership/respond.service';
import { describeEachDb } from '../support/databases';
import { testConfig } from '../support/test-config';
import type { TestApp } from '../support/app';
import { GROUPS, leadershipAnswers, leadershipScenario } from '../support/leadership';
import { linksFor } from '../support/leadership-links';
import { prepareServerData, startServerProcess, type ServerProcess } from '../support/server-process';

const PEOPLE = 200;
const CONCURRENCY = 16;
/** rounds of answering; the server is killed (SIGKILL) in the first two when this many more answers were taken */
const KILL_AFTER = [60, 60];

/** Answers with their keys in one order, to compare a stored sheet with the one sent. */
const canonical = (a: Record<string, unknown>) => JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));

/**
 * "Server kill while leadership answers arrive" (issue 9): 200 people answer through their links, 16 at a time, to
 * the real server process, which is killed with SIGKILL twice in the middle — between any two steps of storing an
 * answer and mixing the pool — and started again on the same data. People whose page got no reply send again, as the
 * answering page lets them. In the end every answer is stored exactly once (sealed or released), the multiset of
 * stored sheets is the multiset sent, no link was accepted twice, and no group with MIX_SIZE answers waits sealed.
 */
describeEachDb('server killed while leadership answers arrive', (kind) => {
  let data: Awaited<ReturnType<typeof prepareServerData>>;
  let server: ServerProcess | null = null;
  let campaignId: string;
  let tokens: string[];

  const open = (): Promise<Database> => openDatabase(data.env.DATABASE_URL ? { kind: 'postgres', url: data.env.DATABASE_URL } : { kind: 'pglite', dataDir: join(data.dataDir, 'pglite') });

  beforeAll(async () => {
    data = await prepareServerData(kind, testConfig.testDatabaseUrl);
    const database = await open();
    try {
      // leadershipScenario only uses the database of a test app
      ({ campaignId } = await leadershipScenario({ database } as TestApp, PEOPLE, '-K'));
      tokens = await linksFor(database.db, campaignId);
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await server?.kill();
    await data?.cleanup();
  });

  it(`stores each of ${PEOPLE} answers exactly once through ${KILL_AFTER.length} kills; no link works twice`, { timeout: 600_000 }, async () => {
    const start = async () => startServerProcess({ env: { ...data.env, RESPOND_RATE_LIMIT_PER_MINUTE: '100000' }, dataDir: data.dataDir, port: server?.port });
    const post = async (i: number) => {
      const res = await fetch(`${server!.origin}/api/respond/${tokens[i]}`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: server!.origin }, body: JSON.stringify({ answers: leadershipAnswers(i) }),
      });
      return { status: res.status, body: await res.text() };
    };

    const taken = new Set<number>(); // answers the server confirmed (201), or said were already taken (409) after a lost reply
    const twice: string[] = [];
    const otherReplies: string[] = [];
    let unanswered = 0;
    for (let round = 0; round <= KILL_AFTER.length; round++) {
      server = await start();
      const queue = Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => !taken.has(i));
      const killAt = KILL_AFTER[round];
      let takenThisRound = 0;
      let killed: Promise<void> | null = null;
      const worker = async () => {
        for (let i = queue.shift(); i !== undefined && !killed; i = queue.shift()) {
          try {
            const { status, body } = await post(i);
            if (status === 201 || (status === 409 && body.includes('already_answered'))) {
              if (status === 201 && taken.has(i)) twice.push(`link ${i} accepted twice`);
              taken.add(i);
              takenThisRound++;
            } else otherReplies.push(`${status} ${body.slice(0, 200)}`);
          } catch {
            unanswered++; // the process died with this request in flight: sent again next round
          }
          if (killAt !== undefined && takenThisRound >= killAt && !killed) killed = server!.kill();
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (killed) await killed;
      else expect(taken.size).toBe(PEOPLE);
    }
    expect(twice).toEqual([]);
    expect(otherReplies).toEqual([]);

    // a second answer through any link is refused, after all the kills
    for (const i of [0, 1, 57, 199]) expect((await post(i)).status).toBe(409);
    await server!.stop();
    server = null;

    const database = await open();
    try {
      const db = database.db;
      const responded = await db.selectFrom('respondent').select('id').where('campaign_id', '=', campaignId).where('responded', '=', true).execute();
      expect(responded).toHaveLength(PEOPLE);
      const sheets = await db.selectFrom('leadership_answer_sheet').select(['respondent_group', 'answers']).where('campaign_id', '=', campaignId).execute();
      const sealed = await db.selectFrom('leadership_sealed_answer').select(['key_id', 'sealed']).where('campaign_id', '=', campaignId).execute();
      const key = loadPoolKey({ answerPoolKey: null, dataDir: data.dataDir });
      const pending = sealed.map((s) => {
        expect(s.key_id).toBe(key.id);
        return openAnswer(key, campaignId, s.sealed);
      });
      // no group with a full mix left sealed: the next answer, or the sweep at start-up, released it
      for (const g of GROUPS) expect(pending.filter((p) => p.group === g).length).toBeLessThan(MIX_SIZE);
      const stored = [...sheets.map((s) => ({ group: s.respondent_group, answers: s.answers as Record<string, unknown> })), ...pending].map((s) => `${s.group}|${canonical(s.answers)}`).sort();
      const expected = Array.from({ length: PEOPLE }, (_, i) => `${GROUPS[i % 4]}|${canonical(leadershipAnswers(i))}`).sort();
      expect(stored).toEqual(expected);
    } finally {
      await database.close();
    }
    // eslint-disable-next-line no-console
    console.log(`[${kind}] leadership answers through ${KILL_AFTER.length} kills: ${PEOPLE} sent, ${PEOPLE} stored once, ${unanswered} replies lost in kills and sent again`);
  });
});
