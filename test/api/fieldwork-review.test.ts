import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';
import { hashToken, newToken } from '../../server/features/auth/passwords';

describeEachDb('reviewing, re-checking and following fieldwork', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let analyst: string;
  let supervisor: string;
  const formsOf: Record<string, string[]> = {};

  const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    analyst = await t.cookieFor('analyst');
    supervisor = await t.cookieFor('supervisor');
    const token = newToken();
    await t.database.db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: s.enumerator2, expires_at: new Date(Date.now() + 3600_000) }).execute();
    for (const [who, cookie] of [[s.enumerator1, await t.cookieFor('enumerator')], [s.enumerator2, `sid=${token}`]] as const) {
      const forms = Array.from({ length: 10 }, () => envelope(s));
      const res = await post('/api/fieldwork/submissions', { forms }, cookie);
      formsOf[who] = res.json().receipts.map((r: { formId: string }) => r.formId);
    }
  });
  afterAll(() => t?.close());

  it('shows a supervisor only the forms of the enumerators assigned to them; an analyst sees all', async () => {
    const mine = (await get(`/api/campaigns/${s.campaignId}/fieldwork/forms?limit=100`, supervisor)).json();
    expect(mine.total).toBe(10);
    expect(new Set(mine.forms.map((f: { enumeratorId: string }) => f.enumeratorId))).toEqual(new Set([s.enumerator1]));
    const all = (await get(`/api/campaigns/${s.campaignId}/fieldwork/forms?limit=100`, analyst)).json();
    expect(all.total).toBe(20);
    const flagged = (await get(`/api/campaigns/${s.campaignId}/fieldwork/forms?flag=quota_full`, analyst)).json();
    expect(flagged.total).toBe(17); // unit A's quota is 3 forms in all
    expect(flagged.forms.every((f: { status: string }) => f.status === 'flagged')).toBe(true);
    const other = formsOf[s.enumerator2]![0]!;
    expect((await get(`/api/fieldwork/forms/${other}`, supervisor)).statusCode).toBe(404);
    expect((await post(`/api/fieldwork/forms/${other}/decision`, { action: 'accept' }, supervisor)).statusCode).toBe(404);
  });

  it('records every decision with who, when and why; reject and return need a reason', async () => {
    const id = formsOf[s.enumerator1]![0]!;
    const noReason = await post(`/api/fieldwork/forms/${id}/decision`, { action: 'reject' }, supervisor);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message_vi).toMatch(/lý do/);
    expect((await post(`/api/fieldwork/forms/${id}/decision`, { action: 'return', reason: 'Thiếu năm sinh' }, supervisor)).json().form.status).toBe('returned');
    expect((await post(`/api/fieldwork/forms/${id}/decision`, { action: 'accept' }, supervisor)).json().form.status).toBe('accepted');
    const again = await post(`/api/fieldwork/forms/${id}/decision`, { action: 'accept' }, supervisor);
    expect(again.statusCode).toBe(409);
    const detail = (await get(`/api/fieldwork/forms/${id}`, analyst)).json();
    expect(detail.events.map((e: { action: string; actor: string; reason: string | null }) => [e.action, e.actor, e.reason])).toEqual([
      ['return', 'Test supervisor', 'Thiếu năm sinh'],
      ['accept', 'Test supervisor', null],
    ]);
    expect(detail.form.answers.gov_level).toBe('district');
    expect(detail.form.paradata.deviceId).toBe('test-device');
  });

  it('shows the enumerator the forms returned to them, with the reason', async () => {
    const id = formsOf[s.enumerator1]![1]!;
    await post(`/api/fieldwork/forms/${id}/decision`, { action: 'return', reason: 'Số sê-ri không rõ' }, supervisor);
    const me = (await get('/api/fieldwork/me', await t.cookieFor('enumerator'))).json();
    expect(me.returned).toEqual([expect.objectContaining({ formId: id, reason: 'Số sê-ri không rõ' })]);
  });

  it('draws a seeded, reproducible re-check sample per enumerator; a discrepancy reopens the form', async () => {
    for (const id of [...formsOf[s.enumerator1]!.slice(2), ...formsOf[s.enumerator2]!.slice(0, 5)]) {
      expect((await post(`/api/fieldwork/forms/${id}/decision`, { action: 'accept' }, analyst)).statusCode).toBe(200);
    }
    // accepted: enumerator 1 → 9 forms (8 here + 1 before), enumerator 2 → 5
    const draw = async (seed: number) => (await post(`/api/campaigns/${s.campaignId}/fieldwork/rechecks/draw`, { percent: 30, seed }, analyst)).json().drawn as { formId: string; enumeratorId: string; recheckId: string }[];
    const first = await draw(12345);
    const perEnumerator = (d: typeof first, e: string) => d.filter((x) => x.enumeratorId === e).length;
    expect(perEnumerator(first, s.enumerator1)).toBe(3); // ceil(30 % × 9)
    expect(perEnumerator(first, s.enumerator2)).toBe(2); // ceil(30 % × 5)
    // the same data and seed give the same sample
    await t.database.db.deleteFrom('recheck').execute();
    const repeat = await draw(12345);
    expect(repeat.map((x) => x.formId).sort()).toEqual(first.map((x) => x.formId).sort());
    // forms already drawn are not drawn again
    const next = await draw(999);
    expect(next.some((x) => first.some((f) => f.formId === x.formId))).toBe(false);

    const target = repeat.find((x) => x.enumeratorId === s.enumerator1)!;
    const bad = await post(`/api/fieldwork/rechecks/${target.recheckId}/outcome`, { outcome: 'discrepancy' }, supervisor);
    expect(bad.statusCode).toBe(400);
    const ok = await post(`/api/fieldwork/rechecks/${target.recheckId}/outcome`, { outcome: 'discrepancy', note: 'Người dân nói chưa được phỏng vấn' }, supervisor);
    expect(ok.json().recheck).toMatchObject({ outcome: 'discrepancy', note: 'Người dân nói chưa được phỏng vấn' });
    const detail = (await get(`/api/fieldwork/forms/${target.formId}`, analyst)).json();
    expect(detail.form.status).toBe('pending');
    expect(detail.events.at(-1)).toMatchObject({ action: 'reopen', reason: 'Phúc tra: Người dân nói chưa được phỏng vấn' });
    const list = (await get(`/api/campaigns/${s.campaignId}/fieldwork/rechecks`, supervisor)).json().rechecks;
    expect(list.every((r: { enumeratorId: string }) => r.enumeratorId === s.enumerator1)).toBe(true);
  });

  it('counts collected, accepted, flagged, rejected against quota on the dashboard', async () => {
    const d = (await get(`/api/campaigns/${s.campaignId}/fieldwork/dashboard`, analyst)).json();
    const unitA = d.units.find((u: { unitId: string }) => u.unitId === s.unitA);
    expect(unitA).toMatchObject({ target: 3, collected: 20 });
    expect(unitA.accepted + unitA.flagged + unitA.pending + unitA.returned + unitA.rejected).toBe(20);
    expect(unitA.lastSync).not.toBeNull();
    expect(d.units.find((u: { unitId: string }) => u.unitId === s.unitB)).toMatchObject({ target: 2, collected: 0, lastSync: null });
    const e1 = d.enumerators.find((e: { userId: string }) => e.userId === s.enumerator1);
    expect(e1.collected).toBe(10);
    const supView = (await get(`/api/campaigns/${s.campaignId}/fieldwork/dashboard`, supervisor)).json();
    expect(supView.enumerators.map((e: { userId: string }) => e.userId)).toEqual([s.enumerator1]);
  });

  it('imports enumerators from CSV: row errors first and nothing half-imported, then accounts that can log in', async () => {
    const url = `/api/campaigns/${s.campaignId}/fieldwork/enumerators`;
    const bad = '\uFEFFtên đăng nhập,họ tên,điện thoại,đơn vị,giám sát\nbd.an,Nguyễn Văn An,0912345678,FW-A,test-supervisor\nbd an,Trần Thị Bình,12,FW-Z,test-analyst\nbd.an,Lê Văn Cường,0987654321,FW-B,\n';
    const preview = (await post(`${url}/preview`, { text: bad }, analyst)).json();
    const where = preview.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    // the columns are named as the file's header wrote them, not by their internal names (issue 12 item 9)
    expect(where).toEqual(expect.arrayContaining(['3:tên đăng nhập', '3:điện thoại', '3:đơn vị', '3:giám sát', '4:tên đăng nhập']));
    const message = (column: string) => preview.errors.find((e: { row: number; column: string }) => e.row === 3 && e.column === column).message;
    expect(message('đơn vị').vi).toMatch(/^Dòng 3, cột đơn vị: không có đơn vị mã "FW-Z"/);
    expect(message('điện thoại')).toMatchObject({ vi: expect.stringMatching(/^Dòng 3, cột điện thoại: số điện thoại "12"/), en: expect.stringMatching(/^Row 3, column điện thoại: phone number "12"/) });
    expect(JSON.stringify(preview.errors)).not.toMatch(/cột (phone|units|username|supervisor)\b/);
    const refused = await post(`${url}/commit`, { text: bad }, analyst);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.errors.length).toBe(preview.errors.length);
    expect(await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'bd.an').executeTakeFirst()).toBeUndefined();

    const good = 'username,name,phone,units,supervisor\nbd.an,Nguyễn Văn An,0912345678,FW-A;FW-B,test-supervisor\nbd.binh,Trần Thị Bình,,FW-B,\n';
    const res = await post(`${url}/commit`, { text: good }, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.created.map((c: { username: string }) => c.username)).toEqual(['bd.an', 'bd.binh']);
    expect(body.assigned).toBe(3);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bd.an', password: body.created[0].password } });
    expect(login.statusCode).toBe(200);
    const cookieLine = login.cookies.find((c) => c.name === 'sid')!;
    // enumerators' sessions last for weeks: they work offline for days
    expect(cookieLine.expires!.getTime() - Date.now()).toBeGreaterThan(20 * 86400_000);
    const setup = (await get(`/api/campaigns/${s.campaignId}/fieldwork`, supervisor)).json();
    const an = setup.enumerators.find((e: { username: string }) => e.username === 'bd.an');
    expect(an.unitIds.sort()).toEqual([s.unitA, s.unitB].sort());
    expect(an.supervisorIds).toEqual([t.users.supervisor.id]);
  });
});
