import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, sessionCookie, variedAnswers, type FieldworkScenario } from '../support/fieldwork';
import type { Receipt } from '../../server/features/fieldwork/submissions.service';


describeEachDb('submitting SIPAS forms: receipts, idempotency, flags', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let cookie: string;
  const submit = async (forms: unknown[], as = cookie) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: as }, payload: { forms } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().receipts as Receipt[];
  };
  const rows = () => t.database.db.selectFrom('sipas_form').selectAll().execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    cookie = await t.cookieFor('enumerator');
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom('sipas_form').execute();
  });
  afterAll(() => t?.close());

  it('gives each form its own receipt: one bad form does not reject the others', async () => {
    const good = envelope(s);
    const { clientUuid: _dropped, ...noUuid } = envelope(s);
    const unknownCampaign = envelope(s, { campaignId: randomUUID() });
    const receipts = await submit([good, noUuid, 'not a form', unknownCampaign]);
    expect(receipts.map((r) => [r.index, r.status, r.error?.code ?? null])).toEqual([
      [0, 'stored', null],
      [1, 'refused', 'unreadable'],
      [2, 'refused', 'unreadable'],
      [3, 'refused', 'unknown_campaign'],
    ]);
    expect(receipts[0]).toMatchObject({ clientUuid: good.clientUuid, duplicate: false, reviewStatus: 'pending', flags: [] });
    expect(receipts[1]!.error!.message.en).toMatch(/clientUuid/);
    expect(receipts[1]!.error!.message.vi).toMatch(/Không đọc được phiếu/);
    expect(await rows()).toHaveLength(1);
  });

  it('is idempotent by clientUuid: a resend returns the same receipt and stores nothing new', async () => {
    const forms = [envelope(s), envelope(s, { unitId: s.unitB })];
    const first = await submit(forms);
    const again = await submit(forms);
    expect(again.map((r) => [r.formId, r.receivedAt, r.duplicate])).toEqual(first.map((r) => [r.formId, r.receivedAt, true]));
    const twiceInOneBatch = envelope(s);
    const receipts = await submit([twiceInOneBatch, twiceInOneBatch]);
    expect(receipts[1]!.formId).toBe(receipts[0]!.formId);
    expect(await rows()).toHaveLength(3);
    // concurrent resends of the same batch: still one row per form
    const racing = [envelope(s), envelope(s)];
    await Promise.all([submit(racing), submit(racing), submit(racing)]);
    expect(await rows()).toHaveLength(5);
  });

  it('stores forms that break rules, flagged with their reasons', async () => {
    const cases: [string, ReturnType<typeof envelope>][] = [
      ['too_fast', envelope(s, {}, { startedAt: new Date(Date.now() - 60_000).toISOString() })],
      ['straight_lining', envelope(s, { answers: variedAnswers(Object.fromEntries(Object.keys(variedAnswers()).filter((k) => /^f\d_q\d+$/.test(k)).map((k) => [k, 4]))) })],
      ['gps_far', envelope(s, {}, { gps: { lat: 21.0285, lon: 105.8542, accuracy: 10 } })], // Hà Nội, ~200 km away
      ['missing_serial', envelope(s, { mode: 'paper', paperSerial: null })],
      ['invalid_answers', envelope(s, { answers: variedAnswers({ gov_level: 'galaxy', gender: undefined }) })],
      ['unknown_questionnaire', envelope(s, { questionnaireVersion: 99 })],
      ['outside_dates', envelope(s, {}, { startedAt: '2020-01-01T08:00:00+07:00', finishedAt: '2020-01-01T08:30:00+07:00' })],
      ['not_assigned', envelope(s, { unitId: s.unitB })], // enumerator 2 only has unit A
    ];
    const as2 = await t.cookieFor('enumerator');
    // enumerator 2 sends the last case: log in as them
    const e2 = await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'test-enumerator-2').executeTakeFirstOrThrow();
    expect(e2.id).toBe(s.enumerator2);
    const receipts = [...(await submit(cases.slice(0, -1).map(([, env]) => env), as2)), ...(await submit([cases.at(-1)![1]], await sessionCookie(t, e2.id)))];
    cases.forEach(([code], i) => {
      const r = receipts[i]!;
      expect(r.status, code).toBe('stored');
      expect(r.reviewStatus, code).toBe('flagged');
      const f = r.flags!.find((x) => x.code === code);
      expect(f, `${code} in ${JSON.stringify(r.flags)}`).toBeDefined();
      expect(f!.message.vi.length).toBeGreaterThan(10);
      expect(f!.message.en.length).toBeGreaterThan(10);
    });
    expect(receipts[2]!.flags!.find((f) => f.code === 'gps_far')!.message.en).toMatch(/km from the unit/);
    expect(receipts[4]!.flags!.find((f) => f.code === 'invalid_answers')!.message.vi).toMatch(/gov_level|gender/);
    const stored = await rows();
    expect(stored).toHaveLength(cases.length);
    expect(stored.every((r) => r.status === 'flagged')).toBe(true);
  });

  it('flags a duplicate paper serial and a full quota, counting forms of the same batch', async () => {
    const paper = (serial: string) => envelope(s, { mode: 'paper', paperSerial: serial, unitId: s.unitB });
    const [p1, p2] = await submit([paper('HG-0001'), paper('HG-0001')]);
    expect(p1!.flags).toEqual([]);
    expect(p2!.flags!.map((f) => f.code)).toEqual(['duplicate_serial']);
    // unit B's quota is 2 district forms: both paper forms count, the third is over
    const [third] = await submit([envelope(s, { unitId: s.unitB })]);
    expect(third!.flags!.map((f) => f.code)).toContain('quota_full');
    // unit A: quota 3 in all
    const a = await submit([envelope(s), envelope(s), envelope(s), envelope(s)]);
    expect(a.map((r) => r.flags!.some((f) => f.code === 'quota_full'))).toEqual([false, false, false, true]);
  });

  it('counts a quota across batches (read up to its target) and leaves rejected forms out', async () => {
    const full = (r: Receipt) => r.flags!.some((f) => f.code === 'quota_full');
    const batch = (n: number) => submit(Array.from({ length: n }, () => envelope(s))); // unit A: quota 3 in all
    const first = await batch(6);
    expect(first.map(full)).toEqual([false, false, false, true, true, true]);
    expect((await batch(1)).map(full)).toEqual([true]); // 6 stored, far over the target: still full
    const reject = (receipts: Receipt[]) =>
      t.database.db.updateTable('sipas_form').set({ status: 'rejected' }).where('id', 'in', receipts.map((r) => r.formId!)).execute();
    await reject(first.slice(0, 4)); // 7 stored, 4 rejected: 3 count, full
    expect((await batch(1)).map(full)).toEqual([true]);
    await reject(first.slice(4, 6)); // 8 stored, 6 rejected: 2 count, one place left
    expect((await batch(2)).map(full)).toEqual([false, true]);
  });

  it('lets a supervisor upload an enumerator\'s exported forms on their behalf, and only then', async () => {
    const sup = await t.cookieFor('supervisor');
    const [withId, withoutId] = await submit([envelope(s, { enumeratorId: s.enumerator1 }), envelope(s)], sup);
    expect(withId).toMatchObject({ status: 'stored' });
    expect(withoutId).toMatchObject({ status: 'refused', error: { code: 'unknown_enumerator' } });
    const row = (await rows())[0]!;
    expect(row.enumerator_id).toBe(s.enumerator1);
    expect(row.submitted_by).toBe(t.users.supervisor.id);
  });

  it('refuses a body that is not a batch, with a message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie }, payload: { form: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/forms/);
  });

  it('tells the enumerator their assignments and quota progress', async () => {
    await submit([envelope(s), envelope(s, { unitId: s.unitB })]);
    const res = await t.app.inject({ method: 'GET', url: '/api/fieldwork/me', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me.assignments).toHaveLength(1);
    expect(me.assignments[0]).toMatchObject({ campaignId: s.campaignId, questionnaireId: 'sipas-2017', questionnaireVersion: 1 });
    const unitA = me.assignments[0].units.find((u: { unitId: string }) => u.unitId === s.unitA);
    expect(unitA.quotas).toEqual([{ level: 'all', target: 3, collected: 1, accepted: 0 }]);
    expect(unitA.collectedByMe).toBe(1);
    expect(unitA.latitude).toBeCloseTo(22.8233, 4);
    const unitB = me.assignments[0].units.find((u: { unitId: string }) => u.unitId === s.unitB);
    expect(unitB.quotas).toEqual([{ level: 'district', target: 2, collected: 1, accepted: 0 }]);
  });
});

