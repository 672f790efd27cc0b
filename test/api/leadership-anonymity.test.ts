import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { leadershipAnswers, leadershipScenario, linkIn } from '../support/leadership';

/**
 * Issue 4, anonymity: after a real run (invitations delivered to the in-app outbox, 23 people answering through
 * their links), read the schema and every stored row and show that no answer sheet can be joined to a respondent —
 * by a column, a key, a value, a transaction id or row order.
 */
describeEachDb('leadership answers cannot be traced back to respondents', (kind) => {
  let t: TestApp;
  let base: string;
  let campaignId: string;
  let cookie: string;
  const ANSWERED = 23;

  const xmins = async (table: string) =>
    (await sql<{ x: string }>`select xmin::text as x from ${sql.table(table)}`.execute(t.database.db)).rows.map((r) => r.x);

  beforeAll(async () => {
    t = await startTestApp(kind, { RESPOND_RATE_LIMIT_PER_MINUTE: '1000' });
    ({ base, campaignId } = await leadershipScenario(t, 40));
    cookie = await t.cookieFor('analyst');
    await t.app.inject({ method: 'POST', url: `${base}/invitations/send`, headers: { cookie } });
    await t.app.mailer.sendNow();
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/mail-outbox?limit=100', headers: { cookie: await t.cookieFor('admin') } })).json();
    expect(outbox).toMatchObject({ smtp: false, total: 40 });
    for (const [i, m] of outbox.messages.slice(0, ANSWERED).entries()) {
      const res = await t.app.inject({ method: 'POST', url: `/api/respond/${linkIn(m.body)}`, payload: { answers: leadershipAnswers(i) } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('has no column, key or reference from an answer sheet to a person, a link, a message or a time', async () => {
    const columns = (await sql<{ column_name: string; data_type: string; column_default: string | null }>`
      select column_name, data_type, column_default from information_schema.columns where table_name = 'leadership_answer_sheet' order by ordinal_position`.execute(t.database.db)).rows;
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'campaign_id', 'respondent_group', 'unit_id', 'questionnaire_id', 'questionnaire_version', 'answers']);
    expect(columns.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
    expect(columns.find((c) => c.column_name === 'id')).toMatchObject({ data_type: 'uuid', column_default: 'gen_random_uuid()' });
    const references = (await sql<{ target: string }>`
      select ccu.table_name as target from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.table_name = 'leadership_answer_sheet' and tc.constraint_type = 'FOREIGN KEY'`.execute(t.database.db)).rows;
    expect(references.map((r) => r.target)).toEqual(['campaign']);
    const sequences = (await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'leadership_answer_sheet' and column_default like 'nextval%'`.execute(t.database.db)).rows[0]!.n;
    expect(sequences).toBe(0);
  });

  it('shares no value with the respondents, their links or their messages', async () => {
    const db = t.database.db;
    const sheets = await db.selectFrom('leadership_answer_sheet').selectAll().execute();
    const pool = await db.selectFrom('leadership_answer_pool').selectAll().execute();
    expect(sheets.length + pool.length).toBe(ANSWERED);
    expect(sheets.length).toBe(20); // 4 mixes of 5; 3 wait in the pool for more answers or the close
    const identities = new Set<string>();
    for (const r of await db.selectFrom('respondent').selectAll().execute()) for (const v of [r.id, r.name, r.email]) identities.add(String(v));
    for (const l of await db.selectFrom('respondent_link').selectAll().execute()) identities.add(l.token_hash);
    for (const m of await db.selectFrom('mail_message').select(['id']).execute()) identities.add(m.id);
    for (const s of [...sheets, ...pool]) {
      const values = [s.id, s.questionnaire_id, String(s.questionnaire_version), ...Object.values(s.answers as Record<string, unknown>).map(String), JSON.stringify(s.answers)];
      expect(values.filter((v) => identities.has(v))).toEqual([]);
      expect(JSON.stringify(s)).not.toMatch(/@|Người trả lời/);
    }
    // the ids are random (version 4), not in any order of arrival
    expect(sheets.every((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(s.id))).toBe(true);
    // the respondent's row learns only that they answered, and on which day
    const answered = await db.selectFrom('respondent').select(['responded', 'responded_on']).where('responded', '=', true).execute();
    expect(answered).toHaveLength(ANSWERED);
    expect(answered.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r.responded_on)))).toBe(true);
  });

  it('reveals nothing through transaction ids or row order: sheets arrive in shuffled groups of at least 5', async () => {
    const sheetX = await xmins('leadership_answer_sheet');
    const groups = new Map<string, number>();
    for (const x of sheetX) groups.set(x, (groups.get(x) ?? 0) + 1);
    expect([...groups.values()].every((n) => n >= 5)).toBe(true);
    const personX = new Set([...(await xmins('respondent')), ...(await xmins('respondent_link')), ...(await xmins('mail_message'))]);
    expect(sheetX.filter((x) => personX.has(x))).toEqual([]);

    // closing the campaign writes every sheet again, shuffled, in one transaction: one transaction id for all
    const res = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${campaignId}`, headers: { cookie }, payload: { status: 'closed' } });
    expect(res.statusCode).toBe(200);
    const after = await xmins('leadership_answer_sheet');
    expect(after).toHaveLength(ANSWERED);
    expect(new Set(after).size).toBe(1);
    expect(await t.database.db.selectFrom('leadership_answer_pool').select('id').execute()).toHaveLength(0);
    const before = new Set((await t.database.db.selectFrom('leadership_answer_sheet').select('id').execute()).map((s) => s.id));
    expect(before.size).toBe(ANSWERED);
  });

  it('never shows a cell with fewer than 5 answers', async () => {
    const summary = (await t.app.inject({ method: 'GET', url: `${base}/answers/summary`, headers: { cookie } })).json();
    expect(summary.sheets).toBe(ANSWERED);
    for (const item of summary.items) {
      if (item.suppressed) expect(item).toMatchObject({ n: null, meanWeight: null, dontKnow: null });
      else expect(item.n).toBeGreaterThanOrEqual(5);
    }
  });

  it('rate-limits the token endpoint', async () => {
    const limited = await startTestApp(kind, { RESPOND_RATE_LIMIT_PER_MINUTE: '5' });
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
