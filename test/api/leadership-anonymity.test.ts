import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parse } from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQuestionnaire } from '../../survey-forms/src/index';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { GROUPS, leadershipAnswers, leadershipScenario } from '../support/leadership';
import { indicesOf, linksFor } from '../support/leadership-links';

/**
 * Issue 9, anonymity against whoever reads the database (a DBA, a backup, a replica): real answers through the real
 * endpoint, then the linking queries a reader of the live tables can run — transaction ids (xmin, xmax), physical
 * order (ctid), sequences and times, and a plaintext search of every table — after 1, 4, 5 and 6 answers and after
 * the close. "Linked" means: some query result differs between sheets in a way that follows who answered or when.
 */
describeEachDb('leadership answers cannot be joined to respondents by anyone reading the database', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let cookie: string;
  /**
   * The answers sent with seed s. leadershipAnswers has 97 distinct sheets (seed mod 97): each scenario of this file
   * uses its own seeds (0–17 small groups, 20–29, 30–37, 40–59, 60–79), so a sheet found anywhere is that answer.
   */
  const sent = (seed: number) => leadershipAnswers(seed);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parindex-anon-'));
    t = await startTestApp(kind, { RESPOND_RATE_LIMIT_PER_MINUTE: '10000', DATA_DIR: dataDir });
    cookie = await t.cookieFor('analyst');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const answer = async (token: string, seed: number) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/respond/${token}`, payload: { answers: sent(seed) } });
    expect(res.statusCode, res.body).toBe(201);
  };

  const rows = async <R>(query: ReturnType<typeof sql<R>>) => (await query.execute(t.database.db)).rows;

  /** Every transaction id a person's rows carry (xmin, and xmax when set): respondents, their links, their e-mail. */
  const personXids = async () => {
    const ids = new Set<string>();
    for (const table of ['respondent', 'respondent_link', 'mail_message']) {
      for (const r of await rows(sql<{ xmin: string; xmax: string }>`select xmin::text as xmin, xmax::text as xmax from ${sql.table(table)}`)) {
        ids.add(r.xmin);
        if (r.xmax !== '0') ids.add(r.xmax);
      }
    }
    return ids;
  };

  /** The tables (of all tables in the schema) holding a row in which this answer sheet can be read. */
  const tablesReading = async (answers: Record<string, unknown>) => {
    const plain = JSON.stringify(answers);
    const [{ j: asJsonb }] = await rows(sql<{ j: string }>`select ${plain}::jsonb::text as j`) as [{ j: string }];
    const needles = [asJsonb, plain, Buffer.from(plain).toString('hex')];
    const tables = await rows(sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { t: table } of tables) {
      const text = await rows(sql<{ j: string }>`select to_jsonb(x)::text as j from ${sql.table(table)} x`);
      if (text.some((r) => needles.some((n) => r.j.includes(n)))) found.push(table);
    }
    return found;
  };

  /** The linking queries, and what they may show: nothing that differs from one released sheet to another. */
  async function linkingQueries(campaignId: string, answered: number[], expected: { released: number; sealed: number }) {
    const db = t.database.db;
    // the query, on the answer sheets: no row
    expect(await rows(sql`select r.name, r.email, s.answers from respondent r join leadership_answer_sheet s on s.xmin::text = r.xmin::text`)).toEqual([]);
    // every variant: any xmin or xmax of a sheet against any transaction id of a person's rows
    const person = await personXids();
    const sheetXids = await rows(sql<{ xmin: string; xmax: string; ctid: string }>`select xmin::text as xmin, xmax::text as xmax, ctid::text as ctid from leadership_answer_sheet where campaign_id = ${campaignId}`);
    expect(sheetXids).toHaveLength(expected.released);
    expect(sheetXids.filter((s) => person.has(s.xmin) || person.has(s.xmax))).toEqual([]);
    // all of the campaign's sheets carry the same xmin and xmax: no function of them (a commit time included, when
    // track_commit_timestamp is on) tells one sheet from another, or a release from the one before
    expect(new Set(sheetXids.map((s) => s.xmin)).size).toBeLessThanOrEqual(1);
    expect(new Set(sheetXids.map((s) => s.xmax)).size).toBeLessThanOrEqual(1);

    // the pending answers: sealed rows, all of one length, with no time, sequence, group or unit
    const sealed = await db.selectFrom('leadership_sealed_answer').selectAll().where('campaign_id', '=', campaignId).execute();
    expect(sealed).toHaveLength(expected.sealed);
    expect(new Set(sealed.map((s) => s.sealed.length)).size).toBeLessThanOrEqual(1);
    // a sealed row does share its respondent's xmin (one transaction spends the link and stores the answer), which
    // is why it must be unreadable: the join finds exactly the sealed rows, and nothing in them can be read
    const joined = await rows(sql<{ n: number }>`select count(*)::int as n from respondent r join leadership_sealed_answer p on p.xmin::text = r.xmin::text where p.campaign_id = ${campaignId}`);
    expect(joined[0]!.n).toBe(expected.sealed);

    // plaintext search of every table: a released sheet is readable in the answer sheets only; a pending one nowhere
    const where = await Promise.all(answered.map(async (i) => ({ i, tables: await tablesReading(sent(i)) })));
    expect(where.filter((w) => w.tables.length > 0 && w.tables.join() !== 'leadership_answer_sheet')).toEqual([]);
    expect(where.filter((w) => w.tables.length > 0)).toHaveLength(expected.released);
  }

  it('keeps the schema free of times, sequences and references to people; the key file is the owner\'s only', async () => {
    for (const table of ['leadership_answer_sheet', 'leadership_sealed_answer']) {
      const columns = await rows(sql<{ column_name: string; data_type: string; column_default: string | null }>`
        select column_name, data_type, column_default from information_schema.columns where table_name = ${table} order by ordinal_position`);
      expect(columns.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
      expect(columns.filter((c) => /nextval|now|current_/.test(c.column_default ?? ''))).toEqual([]);
      expect(columns.find((c) => c.column_name === 'id')).toMatchObject({ data_type: 'uuid', column_default: 'gen_random_uuid()' });
      const references = await rows(sql<{ target: string }>`
        select ccu.table_name as target from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
        where tc.table_name = ${table} and tc.constraint_type = 'FOREIGN KEY'`);
      expect(references.map((r) => r.target)).toEqual(['campaign']);
    }
    expect((await rows(sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'leadership_sealed_answer' order by ordinal_position`)).map((c) => c.column_name))
      .toEqual(['id', 'campaign_id', 'key_id', 'sealed']);
    expect(statSync(join(dataDir, 'answer-pool.key')).mode & 0o777).toBe(0o600);
  });

  it('after 1, 4, 5 and 6 answers of a group and after the close, no query joins an answer to a person', async () => {
    const { campaignId } = await leadershipScenario(t, 40, '-A');
    const tokens = await linksFor(t.database.db, campaignId);
    const so = indicesOf('so', 6);
    const answered: number[] = [];
    const step = async (list: number[]) => {
      for (const i of list) {
        const seed = 20 + answered.length;
        await answer(tokens[i]!, seed);
        answered.push(seed);
      }
    };
    await step(so.slice(0, 1));
    await linkingQueries(campaignId, answered, { released: 0, sealed: 1 });
    // issue 12: the results say the answer waits in the pool (0 counted, 1 waiting, in group "so") and why
    const waiting = await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/results/leadership`, headers: { cookie } });
    expect(waiting.statusCode, waiting.body).toBe(200);
    const w = waiting.json();
    expect(w.sheets).toBe(0);
    expect(w.waiting).toMatchObject({ total: 1, groups: [{ group: 'so', count: 1 }], releaseSize: 5, closed: false });
    expect(w.waiting.reason.vi).toContain('1 phiếu đã trả lời đang chờ trong vùng ẩn danh');
    expect(w.waiting.reason.en).toContain('at least 5');
    await step(so.slice(1, 4));
    await linkingQueries(campaignId, answered, { released: 0, sealed: 4 });
    await step(so.slice(4, 5));
    await linkingQueries(campaignId, answered, { released: 5, sealed: 0 });
    await step(so.slice(5, 6));
    await linkingQueries(campaignId, answered, { released: 5, sealed: 1 });
    // a group with fewer than 5 answers is never released with its group: 2 + 2 more in two other groups wait too
    await step([...indicesOf('hdnd', 2), ...indicesOf('huyen', 2)]);
    await linkingQueries(campaignId, answered, { released: 5, sealed: 5 });
    expect((await t.database.db.selectFrom('respondent').select('id').where('campaign_id', '=', campaignId).where('responded', '=', true).execute())).toHaveLength(10);

    // the close: the 5 left over (1 + 2 + 2 of three groups) are released together, without group
    const res = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${campaignId}`, headers: { cookie }, payload: { status: 'closed' } });
    expect(res.statusCode, res.body).toBe(200);
    await linkingQueries(campaignId, answered, { released: 10, sealed: 0 });
    const afterClose = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/results/leadership`, headers: { cookie } })).json();
    expect(afterClose.waiting).toMatchObject({ total: 0, groups: null, closed: true, reason: null });
    const groups = (await t.database.db.selectFrom('leadership_answer_sheet').select('respondent_group').where('campaign_id', '=', campaignId).execute()).map((s) => s.respondent_group ?? '-');
    expect(groups.sort()).toEqual(['-', '-', '-', '-', '-', 'so', 'so', 'so', 'so', 'so']);
  });

  it('after the close, fewer than 5 left over stay sealed (withheld), never released', async () => {
    const { campaignId } = await leadershipScenario(t, 40, '-W');
    const tokens = await linksFor(t.database.db, campaignId);
    const people = [...indicesOf('xa', 5), ...indicesOf('hdnd', 3)];
    const answered = people.map((_, k) => 30 + k);
    for (const [k, i] of people.entries()) await answer(tokens[i]!, answered[k]!);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${campaignId}`, headers: { cookie }, payload: { status: 'closed' } });
    expect(res.statusCode, res.body).toBe(200);
    await linkingQueries(campaignId, answered, { released: 5, sealed: 3 });
  });

  /** 20 answers of one group in a known order (4 releases of 5): the physical order of the sheets, as answer indices. */
  async function releasedOrder(suffix: string, firstSeed: number) {
    const { campaignId } = await leadershipScenario(t, 80, suffix);
    const tokens = await linksFor(t.database.db, campaignId);
    const order = indicesOf('so', 20);
    for (const [k, i] of order.entries()) await answer(tokens[i]!, firstSeed + k);
    const byContent = new Map(order.map((_, k) => [JSON.stringify(sent(firstSeed + k)), k]));
    const sheets = await rows(sql<{ answers: Record<string, unknown> }>`select answers from leadership_answer_sheet where campaign_id = ${campaignId} order by ctid`);
    return sheets.map((s) => byContent.get(JSON.stringify(Object.fromEntries(Object.keys(sent(firstSeed)).map((k) => [k, s.answers[k]])))) ?? -1);
  }

  it('writes released sheets in an order that says nothing about the order of answers', async () => {
    const first = await releasedOrder('-O1', 40);
    const second = await releasedOrder('-O2', 60);
    for (const run of [first, second]) {
      // a permutation of the 20 answers…
      expect([...run].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, k) => k));
      // …in which the release a sheet came with (answers 0–4, 5–9, …) is not in order: a shuffle within each
      // release, or none, leaves it sorted (chance under a full shuffle: (5!)⁴ / 20! ≈ 9 · 10⁻¹¹)
      const release = run.map((k) => Math.floor(k / 5));
      expect(release).not.toEqual([...release].sort((a, b) => a - b));
    }
    // two runs with the same answers in the same order do not come out the same (chance: 1 / 20!)
    expect(second).not.toEqual(first);
  });

  describe('small groups are suppressed in every leadership output', () => {
    let base: string;
    let campaignId: string;
    const q = getQuestionnaire('leadership-2023')!;
    // sheets as a campaign released before this protection (or a group where many said "Không biết") can hold them
    const COUNTS = { so: 7, xa: 6, hdnd: 3, huyen: 2 } as const;

    let k = 0;
    const withSheets = async (suffix: string, counts: Partial<Record<(typeof GROUPS)[number], number>>) => {
      const scenario = await leadershipScenario(t, 8, suffix);
      for (const [group, n] of Object.entries(counts)) {
        await t.database.db.insertInto('leadership_answer_sheet').values(Array.from({ length: n }, () => ({
          campaign_id: scenario.campaignId, respondent_group: group as (typeof GROUPS)[number], unit_id: null,
          questionnaire_id: q.id, questionnaire_version: q.version, answers: JSON.stringify(leadershipAnswers(k++ % 18)),
        }))).execute();
      }
      return scenario;
    };
    const exportedGroups = async (id: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}/microdata/leadership.csv`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      const [header, ...lines] = parse(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data as string[][];
      expect(header![1]).toBe('group');
      const counts = new Map<string, number>();
      for (const l of lines) counts.set(l[1]!, (counts.get(l[1]!) ?? 0) + 1);
      return Object.fromEntries(counts);
    };

    beforeAll(async () => {
      ({ base, campaignId } = await withSheets('-S', COUNTS));
    });

    it('results/leadership?byGroup=true: a group under 5 shows no mean and is left out of the score', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/results/leadership?byGroup=true`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.sheets).toBe(18);
      let checked = 0;
      for (const item of r.items as { score: number | null; max: number; groups: { group: string; n: number; mean: number | null }[] }[]) {
        for (const g of item.groups) if (g.n < 5) expect(g.mean).toBeNull();
        const shown = item.groups.filter((g) => g.mean !== null);
        if (item.score === null) continue;
        // the score is the average of the means shown — so no hidden mean can be worked out of it
        expect(item.score).toBeCloseTo(item.max * shown.reduce((s, g) => s + g.mean!, 0) / shown.length, 9);
        if (item.groups.some((g) => g.mean === null && g.n > 0)) checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('the leadership microdata export blanks groups under 5 (and enough others that the blank is no group)', async () => {
      expect(base).toContain(campaignId);
      expect(await exportedGroups(campaignId)).toEqual({ so: 7, xa: 6, '': 5 }); // hdnd 3 + huyen 2
      // hdnd alone (3) would be a blank everybody can name: the next smallest group (xa) is blanked with it
      const other = await withSheets('-S2', { so: 7, xa: 6, hdnd: 3 });
      expect(await exportedGroups(other.campaignId)).toEqual({ so: 7, '': 9 });
    });
  });

  it('rate-limits the token endpoint', async () => {
    const limited = await startTestApp(kind, { RESPOND_RATE_LIMIT_PER_MINUTE: '5', DATA_DIR: dataDir });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/api/respond/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode);
      expect(codes.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
      expect(codes.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
