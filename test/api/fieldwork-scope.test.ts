import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createCampaign, updateCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { saveAssignments, savePlan } from '../../server/features/fieldwork/setup.service';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, sessionCookie, type FieldworkScenario } from '../support/fieldwork';
import type { Receipt } from '../../server/features/fieldwork/submissions.service';


describeEachDb('who may submit which forms (issue 9: scope holes)', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let e1: string; // enumerator 1, supervised by t.users.supervisor
  let e2: string; // enumerator 2, supervised by nobody
  let sup: string;
  let admin: string;
  const submit = async (forms: unknown[], as: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: as }, payload: { forms } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().receipts as Receipt[];
  };
  const rows = () => t.database.db.selectFrom('sipas_form').select(['id', 'client_uuid', 'enumerator_id', 'campaign_id']).execute();
  const codes = (receipts: Receipt[]) => receipts.map((r) => r.error?.code ?? r.status);

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    e1 = await t.cookieFor('enumerator');
    e2 = await sessionCookie(t, s.enumerator2);
    sup = await t.cookieFor('supervisor');
    admin = await t.cookieFor('admin');
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom('sipas_form').execute();
  });
  afterAll(() => t?.close());

  it('lets a supervisor upload only for the enumerators assigned to them, and shows them what they uploaded', async () => {
    const mine = envelope(s, { enumeratorId: s.enumerator1 });
    const notMine = envelope(s, { enumeratorId: s.enumerator2 });
    const receipts = await submit([mine, notMine], sup);
    expect(codes(receipts)).toEqual(['stored', 'not_your_enumerator']);
    expect(receipts[1]!.error!.message.vi).toMatch(/Giám sát viên chỉ tải lên phiếu/);
    expect(receipts[1]).not.toHaveProperty('formId');
    expect((await rows()).map((r) => r.client_uuid)).toEqual([mine.clientUuid]);
    const seen = await t.app.inject({ method: 'GET', url: `/api/fieldwork/forms/${receipts[0]!.formId}`, headers: { cookie: sup } });
    expect(seen.statusCode).toBe(200);
    // an admin may upload for any enumerator
    expect(codes(await submit([notMine], admin))).toEqual(['stored']);
  });

  it('refuses forms for a campaign not in fieldwork (draft or closed) with their own receipt, and still answers resends', async () => {
    const other = await createCampaign(t.database.db, { name: 'Đợt khác', year: 2026, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA], previousCampaignId: null });
    const draftForm = envelope(s, { campaignId: other.id });
    const good = envelope(s);
    const draftReceipts = await submit([draftForm, good], e1);
    expect(codes(draftReceipts)).toEqual(['campaign_not_in_fieldwork', 'stored']);
    expect(draftReceipts[0]!.error!.message.en).toMatch(/not in fieldwork/);
    await updateCampaign(t.database.db, other.id, { status: 'fieldwork' });
    const [storedBeforeClose] = await submit([draftForm], e1);
    expect(storedBeforeClose!.status).toBe('stored');
    await updateCampaign(t.database.db, other.id, { status: 'closed' });
    const afterClose = await submit([envelope(s, { campaignId: other.id }), draftForm], e1);
    expect(codes(afterClose)).toEqual(['campaign_not_in_fieldwork', 'stored']);
    expect(afterClose[0]!.error!.message.vi).toMatch(/đã kết thúc/);
    // the phone whose receipt was lost before the close gets its original receipt, not a refusal
    expect(afterClose[1]).toMatchObject({ duplicate: true, formId: storedBeforeClose!.formId, receivedAt: storedBeforeClose!.receivedAt });
    expect(await rows()).toHaveLength(2);
  });

  it('shows the phone only campaigns in fieldwork, the status that takes forms', async () => {
    const c = await createCampaign(t.database.db, { name: 'Đợt chuẩn bị', year: 2026, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA], previousCampaignId: null });
    await savePlan(t.database.db, c.id, { questionnaireId: 'sipas-2017', questionnaireVersion: 1, startsOn: null, endsOn: null, minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
    await saveAssignments(t.database.db, c.id, { enumerators: [{ userId: s.enumerator1, unitIds: [s.unitA] }], supervisors: [] });
    const listed = async () => ((await t.app.inject({ method: 'GET', url: '/api/fieldwork/me', headers: { cookie: e1 } })).json().assignments as { campaignId: string }[]).map((a) => a.campaignId).includes(c.id);
    expect(await listed()).toBe(false);
    await updateCampaign(t.database.db, c.id, { status: 'fieldwork' });
    expect(await listed()).toBe(true);
    await updateCampaign(t.database.db, c.id, { status: 'closed' });
    expect(await listed()).toBe(false);
  });

  it('refuses a form for a unit that exists but is not one of the campaign\'s', async () => {
    const province = await createUnit(t.database.db, { code: 'FW-OUT', name: 'Tỉnh ngoài đợt', parentId: null, kind: 'province', group: null });
    const outside = await createUnit(t.database.db, { code: 'FW-C', name: 'Huyện ngoài đợt', parentId: province.id, kind: 'district', group: 'huyen' });
    const receipts = await submit([envelope(s, { unitId: outside.id }), envelope(s, { unitId: randomUUID() }), envelope(s)], e1);
    expect(codes(receipts)).toEqual(['unit_not_in_campaign', 'unknown_unit', 'stored']);
    expect(receipts[0]!.error!.message.vi).toContain(`Đơn vị ${outside.id} không thuộc đợt đánh giá`);
    expect(await rows()).toHaveLength(1);
  });

  it('keeps idempotency per enumerator: another enumerator\'s clientUuid is refused and tells nothing of their form', async () => {
    const original = envelope(s);
    const [first] = await submit([original], e1);
    expect(first!.status).toBe('stored');
    const copycat = envelope(s, { clientUuid: original.clientUuid });
    const [taken] = await submit([copycat], e2);
    expect(taken).toEqual({
      index: 0, clientUuid: original.clientUuid, status: 'refused', duplicate: false,
      error: { code: 'client_uuid_taken', message: { vi: expect.stringMatching(/đã được dùng/), en: expect.stringMatching(/already used/) } },
    });
    // on behalf of enumerator 2 (admin), and in one batch with the rightful copy: the same answer
    const [viaAdmin] = await submit([{ ...copycat, enumeratorId: s.enumerator2 }], admin);
    expect(viaAdmin!.error!.code).toBe('client_uuid_taken');
    const fresh = envelope(s);
    const mixed = await submit([{ ...fresh, enumeratorId: s.enumerator1 }, { ...fresh, enumeratorId: s.enumerator2 }], admin);
    expect(codes(mixed)).toEqual(['stored', 'client_uuid_taken']);
    // the rightful owner resending, themself or through their supervisor, gets their receipt back
    const [again] = await submit([original], e1);
    expect(again).toMatchObject({ status: 'stored', duplicate: true, formId: first!.formId, receivedAt: first!.receivedAt });
    const [viaSupervisor] = await submit([{ ...original, enumeratorId: s.enumerator1 }], sup);
    expect(viaSupervisor).toMatchObject({ status: 'stored', duplicate: true, formId: first!.formId });
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.enumerator_id === s.enumerator1)).toBe(true);
  });

  it('refuses to reopen a closed campaign (its used survey links must stay dead)', async () => {
    const c = await createCampaign(t.database.db, { name: 'Đợt sẽ kết thúc', year: 2027, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA], previousCampaignId: null });
    const patch = (status: string) => t.app.inject({ method: 'PATCH', url: `/api/campaigns/${c.id}`, headers: { cookie: admin }, payload: { status } });
    expect((await patch('fieldwork')).statusCode).toBe(200);
    expect((await patch('draft')).statusCode).toBe(200); // back to draft before closing is still allowed
    expect((await patch('closed')).statusCode).toBe(200);
    for (const status of ['fieldwork', 'draft']) {
      const res = await patch(status);
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/cannot be reopened/), message_vi: expect.stringMatching(/không thể mở lại/) });
    }
    const row = await t.database.db.selectFrom('campaign').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
  });
});
