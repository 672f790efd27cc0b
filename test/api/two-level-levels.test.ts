// Issue 14: levels of government are data. A two-level campaign (sipas-2023-two-level: cấp tỉnh, cấp xã) offers
// province and commune only — in its set-up, quotas, submissions, dashboard, phone profile, population, strata and
// breakdowns — and refuses "district" with a message naming the level and the allowed ones.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { twoLevelEnvelope, twoLevelScenario, type TwoLevelScenario } from '../support/two-level';
import type { Receipt } from '../../server/features/fieldwork/submissions.service';

const TWO_LEVELS = [
  { value: 'province', label: { vi: 'Cấp tỉnh', en: 'Province' } },
  { value: 'commune', label: { vi: 'Cấp xã', en: 'Commune' } },
];

describeEachDb('a two-level campaign: province and commune only, everywhere (levels as data)', (kind) => {
  let t: TestApp;
  let s: TwoLevelScenario;
  let admin: string;
  let analyst: string;
  let enumerator: string;
  const base = () => `/api/campaigns/${s.campaignId}`;
  const get = (url: string, cookie = admin) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const put = (url: string, payload: object, cookie = admin) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
  const submit = async (forms: unknown[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: enumerator }, payload: { forms } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().receipts as Receipt[];
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.cookieFor('admin');
    analyst = await t.cookieFor('analyst');
    enumerator = await t.cookieFor('enumerator');
    s = await twoLevelScenario(t.database.db, t.users.enumerator.id);
  });
  afterAll(() => t?.close());

  it('the set-up lists the questionnaire\'s two levels with its labels', async () => {
    const res = await get(`${base()}/fieldwork`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plan.questionnaireId).toBe('sipas-2023-two-level');
    expect(res.json().levels).toEqual(TWO_LEVELS);
  });

  it('refuses a district quota, naming the level and the allowed ones (vi and en), and stores nothing', async () => {
    const res = await put(`${base()}/fieldwork/quotas`, { quotas: [
      { unitId: s.commune, level: 'commune', target: 20 },
      { unitId: s.commune, level: 'district', target: 5 },
    ] });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation');
    expect(error.message_vi).toBe('Trường quotas[1].level: Cấp "district" không có trong đợt đánh giá này: đợt dùng chính quyền 2 cấp, các cấp được dùng là cấp tỉnh (province), cấp xã (commune), tất cả các cấp (all).');
    expect(error.message).toBe('Field quotas[1].level: Level "district" is not one of this campaign\'s levels: it has 2-level government, the allowed levels are province (province), commune (commune), all levels (all).');
    expect(error.details).toEqual({ level: 'district', allowed: ['province', 'commune', 'all'] });
    expect(await t.database.db.selectFrom('fieldwork_quota').selectAll().where('campaign_id', '=', s.campaignId).execute()).toEqual([]);
  });

  it('stores province and commune quotas; the dashboard and the phone list only those levels', async () => {
    const res = await put(`${base()}/fieldwork/quotas`, { quotas: [
      { unitId: s.commune, level: 'commune', target: 20 },
      { unitId: s.commune, level: 'province', target: 5 },
      { unitId: s.department, level: 'all', target: 10 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const dashboard = (await get(`${base()}/fieldwork/dashboard`)).json();
    expect(dashboard.levels).toEqual(TWO_LEVELS);
    // in the questionnaire's order (cấp tỉnh before cấp xã), whatever order they were saved in
    expect(dashboard.units.find((u: { unitId: string }) => u.unitId === s.commune).levels.map((l: { level: string }) => l.level)).toEqual(['province', 'commune']);
    const me = (await get('/api/fieldwork/me', enumerator)).json();
    const assignment = me.assignments.find((a: { campaignId: string }) => a.campaignId === s.campaignId);
    expect(assignment.levels).toEqual(TWO_LEVELS);
    expect(assignment.units.find((u: { unitId: string }) => u.unitId === s.commune).quotas.map((q: { level: string }) => q.level)).toEqual(['province', 'commune']);
    expect(JSON.stringify(assignment)).not.toMatch(/district|huyện/i);
  });

  it('refuses a form answering "district" (level_not_in_campaign) and stores the province and commune ones', async () => {
    const receipts = await submit([
      twoLevelEnvelope(s, s.commune, 'commune'),
      twoLevelEnvelope(s, s.commune, 'district'),
      twoLevelEnvelope(s, s.department, 'province', 1),
    ]);
    expect(receipts.map((r) => [r.status, r.error?.code ?? null])).toEqual([['stored', null], ['refused', 'level_not_in_campaign'], ['stored', null]]);
    expect(receipts[1]!.error!.message.vi).toBe('Câu hỏi gov_level: Cấp "district" không có trong đợt đánh giá này: đợt dùng chính quyền 2 cấp, các cấp được dùng là cấp tỉnh (province), cấp xã (commune).');
    expect(receipts[1]!.error!.message.en).toContain('the allowed levels are province (province), commune (commune)');
    const stored = await t.database.db.selectFrom('sipas_form').select('gov_level').where('campaign_id', '=', s.campaignId).orderBy('gov_level').execute();
    expect(stored.map((r) => r.gov_level)).toEqual(['commune', 'province']);
  });

  it('results: strata options and the breakdown by level have no district; levels labelled by the questionnaire', async () => {
    const forms = [0, 1, 2, 3].map((i) => twoLevelEnvelope(s, s.commune, 'commune', i + 2)).concat([0, 1].map((i) => twoLevelEnvelope(s, s.department, 'province', i + 7)));
    expect((await submit(forms)).every((r) => r.status === 'stored')).toBe(true);
    await t.database.db.updateTable('sipas_form').set({ status: 'accepted', flags: JSON.stringify([]) }).where('campaign_id', '=', s.campaignId).execute();
    const res = await get(`${base()}/results/sipas?by=gov_level`, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.forms.accepted).toBe(8);
    expect(r.levels).toEqual(TWO_LEVELS);
    expect(r.groups.map((g: { group: string; label: unknown; forms: number }) => [g.group, g.label, g.forms])).toEqual([
      ['province', { vi: 'Cấp tỉnh', en: 'Province' }, 3],
      ['commune', { vi: 'Cấp xã', en: 'Commune' }, 5],
    ]);
    // unit × level strata: the sampled pairs are Sở Tư pháp × cấp tỉnh and Xã Minh Tân × cấp xã — no district anywhere
    const unitLevel = r.strataOptions.unit_level;
    expect(unitLevel.available).toBe(false);
    expect(unitLevel.missing.map((m: { level: string; forms: number }) => [m.level, m.forms])).toEqual([['province', 3], ['commune', 5]]);
    expect(unitLevel.reason.vi).toContain('Xã Minh Tân (TL-MT), cấp xã (5 phiếu)');
    expect(JSON.stringify(r)).not.toMatch(/district|huyện/i);
  });

  it('exports: the microdata codebook codes gov_level with the campaign\'s levels only; the data has no district', async () => {
    const book = await get(`${base()}/microdata/sipas-codebook.csv`, analyst);
    expect(book.statusCode, book.body).toBe(200);
    const line = book.body.split(/\r?\n/).find((l) => l.startsWith('gov_level,'));
    expect(line).toContain('province=Cấp tỉnh; commune=Cấp xã');
    expect(book.body).not.toMatch(/district|huyện/i);
    const data = await get(`${base()}/microdata/sipas.csv`, analyst);
    expect(data.statusCode, data.body).toBe(200);
    const levels = new Set(data.body.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[2]));
    expect([...levels].sort()).toEqual(['commune', 'province']);
  });

  it('population by level: a district row is refused naming the campaign\'s levels; province and commune rows are kept', async () => {
    const preview = await t.app.inject({ method: 'POST', url: `${base()}/population/preview`, headers: { cookie: analyst },
      payload: { text: 'đơn vị,cấp,dân số\nTL-MT,xã,9000\nTL-MT,huyện,100\nTL-STP,tỉnh,400000\n' } });
    expect(preview.statusCode, preview.body).toBe(200);
    const { errors, rows } = preview.json();
    expect(errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, 'cấp']]);
    expect(errors[0].message.vi).toContain('cấp "huyện" không có trong đợt đánh giá (các cấp: cấp tỉnh (province), cấp xã (commune), tất cả các cấp (all))');
    expect(rows.map((x: { level: string }) => x.level)).toEqual(['commune', 'province']);
    const putRes = await put(`${base()}/population`, { rows: [{ unitId: s.commune, level: 'district', population: 5 }] }, analyst);
    expect(putRes.statusCode).toBe(400);
    expect(putRes.json().error.message).toContain('Level "district" is not one of this campaign\'s levels');
    // with the populations entered, the unit × level strata become available
    const ok = await put(`${base()}/population`, { rows: [{ unitId: s.commune, level: 'commune', population: 9000 }, { unitId: s.department, level: 'province', population: 400000 }] }, analyst);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().levels).toEqual(TWO_LEVELS); // what the population editor offers besides "all"
    const r = (await get(`${base()}/results/sipas?strata=unit_level`, analyst)).json();
    expect(r.strataOptions.unit_level).toEqual({ available: true, missing: [], unfitForms: 0, reason: null });
  });

  it('changing the questionnaire: three levels keep the quotas; back to two is refused while a district quota exists; without a plan the tree gives the levels', async () => {
    // switching this campaign to sipas-2023 (three levels) is fine: its province and commune quotas stay valid
    const plan = (await get(`${base()}/fieldwork`)).json().plan;
    const three = await put(`${base()}/fieldwork/plan`, { ...plan, questionnaireId: 'sipas-2023' });
    expect(three.statusCode, three.body).toBe(200);
    const quotas = await put(`${base()}/fieldwork/quotas`, { quotas: [{ unitId: s.commune, level: 'district', target: 3 }] });
    expect(quotas.statusCode, quotas.body).toBe(200);
    // back to two levels with a district quota stored: refused, saying which quotas to remove
    const back = await put(`${base()}/fieldwork/plan`, plan);
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message_vi).toContain('Đợt đang có chỉ tiêu ở cấp "district"');
    await put(`${base()}/fieldwork/quotas`, { quotas: [] });
    expect((await put(`${base()}/fieldwork/plan`, plan)).statusCode).toBe(200);
    // a campaign without a plan: its tree without districts gives two levels
    const other = await twoLevelScenario(t.database.db, t.users.enumerator.id, 'TL2');
    await t.database.db.deleteFrom('fieldwork_plan').where('campaign_id', '=', other.campaignId).execute();
    expect((await get(`/api/campaigns/${other.campaignId}/fieldwork`)).json().levels).toEqual(TWO_LEVELS);
  });
});
