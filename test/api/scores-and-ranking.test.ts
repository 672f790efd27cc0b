import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { upsertScore } from '../../server/features/content-scores/repository';

type Node = { code: string; max: number; appraised: number | null; evidence: unknown; children: Node[] };
const find = (n: Node, code: string): Node | undefined => (n.code === code ? n : n.children.map((c) => find(c, code)).find(Boolean));

describeEachDb('editing scores, history, not-applicable leaves and ranking', (kind) => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ base } = await haGiangCampaign(t.database.db));
    cookie = await t.cookieFor('analyst');
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(res.statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('computes a leaf from its evidence with the rule of the criteria set, and audits who changed what', async () => {
    // 1.1 tasks done 40 / 41 × 1.5 = 1.4634 (PAR-INDEX.md §2, ratio × max)
    const res = await t.app.inject({ method: 'PUT', url: `${base}/scores/1.1`, headers: { cookie }, payload: { numerator: 40, denominator: 41, note: '40/41 nhiệm vụ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(find(res.json().tree.root, '1.1')!.appraised).toBeCloseTo(1.4634, 6);
    expect(find(res.json().tree.root, '1.1')).toMatchObject({ evidence: { numerator: 40, denominator: 41 }, note: '40/41 nhiệm vụ' });
    expect(find(res.json().tree.root, '1.2')).toMatchObject({ evidence: null });
    expect(res.json().tree.total).toBeCloseTo(84.4089 - 1.5 + 1.4634, 6);
    const history = (await t.app.inject({ method: 'GET', url: `${base}/scores/1.1/history`, headers: { cookie } })).json();
    const appraised = history.entries.find((e: { field: string; action: string }) => e.field === 'appraised' && e.action === 'edit');
    expect(appraised).toMatchObject({ user: 'Test analyst', oldValue: 1.5, newValue: 1.4634 });
    expect(history.entries.find((e: { field: string }) => e.field === 'numerator')).toMatchObject({ oldValue: null, newValue: 40 });
  });

  it('refuses a score above the maximum or a rule with a zero denominator, naming the field', async () => {
    const over = await t.app.inject({ method: 'PUT', url: `${base}/scores/1.2`, headers: { cookie }, payload: { appraised: 0.75 } });
    expect(over.statusCode).toBe(400);
    // fields are named by the labels the dialog shows, not by the API's names (issue 12 item 9)
    expect(over.json().error.message).toMatch(/^“Appraised”: score 0\.75 exceeds the maximum 0\.5 of 1\.2/);
    expect(over.json().error.message_vi).toMatch(/^Ô “Thẩm định”: điểm 0,75 vượt điểm tối đa 0,5/);
    const zero = await t.app.inject({ method: 'PUT', url: `${base}/scores/3.4.1`, headers: { cookie }, payload: { numerator: 5, denominator: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.message_vi).toBe('Ô “Tử số, Mẫu số”: Mẫu số bằng 0.');
    expect(zero.json().error.message).toBe('“Numerator, Denominator”: The denominator is 0.');
    expect(`${zero.json().error.message} ${over.json().error.message_vi}`).not.toMatch(/numerator\/denominator|appraised|Trường/);
  });

  it('leaves marked not applicable leave the maximum: index = score × 100 / reduced max', async () => {
    let body;
    for (const code of ['8.1.1', '8.1.2', '8.1.3', '8.1.4', '8.1.5']) {
      body = (await t.app.inject({ method: 'PUT', url: `${base}/scores/${code}`, headers: { cookie }, payload: { notApplicable: true } })).json();
    }
    expect(body.tree.max).toBe(90);
    expect(body.tree.percent).toBeCloseTo((body.tree.total * 100) / 90, 6);
  });

  it('an enumerator cannot change scores', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `${base}/scores/1.2`, headers: { cookie: await t.cookieFor('enumerator') }, payload: { appraised: 0.25 } });
    expect(res.statusCode).toBe(403);
  });

  it('ranks units within groups (ties share a rank), with bands, group averages and change from the previous campaign', async () => {
    const db = t.database.db;
    const p = await createUnit(db, { code: 'T', name: 'Tỉnh T', parentId: null, kind: 'province', group: null });
    const mk = (code: string, name: string, k: 'department' | 'district', group: string) => createUnit(db, { code, name, parentId: p.id, kind: k, group });
    const units = [await mk('S1', 'Sở A', 'department', 'so'), await mk('S2', 'Sở B', 'department', 'so'), await mk('S3', 'Sở C', 'department', 'so'), await mk('H1', 'Huyện D', 'district', 'huyen')];
    const ids = units.map((u) => u.id);
    const prev = await createCampaign(db, { name: '2022', year: 2022, criteriaSetCode: 'par-province-2022', bandSetCode: 'province5', unitIds: ids, previousCampaignId: null });
    const cur = await createCampaign(db, { name: '2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: ids, previousCampaignId: prev.id });
    // every leaf at a share q of its maximum gives a total of 100 q
    const fill = async (campaignId: string, unitId: string, q: number, notApplicableSipas = false) => {
      const set = (await t.app.inject({ method: 'GET', url: '/api/criteria-sets/par-province-2023', headers: { cookie } })).json().criteriaSet;
      for (const c of set.criteria.filter((c: { source: string | null }) => c.source)) {
        const na = notApplicableSipas && c.source === 'sipas';
        await upsertScore(db, { campaign_id: campaignId, unit_id: unitId, criterion_code: c.code, self_score: null, appraised: na ? null : c.maxPoints * q, numerator: null, denominator: null, not_applicable: na, is_override: false, note: null, updated_by: null });
      }
    };
    await fill(cur.id, ids[0]!, 0.9); // 90 / 100 = 90.00
    await fill(cur.id, ids[1]!, 0.9, true); // 81 / 90 = 90.00: ties with Sở A
    await fill(cur.id, ids[2]!, 0.7); // 70.00
    await fill(cur.id, ids[3]!, 0.96); // 96.00
    await fill(prev.id, ids[0]!, 0.8);
    await fill(prev.id, ids[1]!, 0.95);
    await fill(prev.id, ids[2]!, 0.85);
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${cur.id}/ranking`, headers: { cookie: await t.cookieFor('supervisor') } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const byName = Object.fromEntries(r.units.map((u: { unit: string }) => [u.unit, u]));
    expect(byName['Sở A']).toMatchObject({ group: 'so', index: 90, rank: 1, band: 'tot', max: 100 });
    expect(byName['Sở B']).toMatchObject({ index: 90, rank: 1, max: 90 });
    expect(byName['Sở C']).toMatchObject({ index: 70, rank: 3, band: 'trung_binh' });
    expect(byName['Huyện D']).toMatchObject({ group: 'huyen', rank: 1, band: 'xuat_sac', change: null });
    expect(byName['Sở A'].change).toMatchObject({ rank: 2 }); // 3rd → 1st
    expect(byName['Sở A'].change.score).toBeCloseTo(10, 6);
    expect(byName['Sở C'].change).toMatchObject({ rank: -1 });
    const groups = [...r.groups].sort((a: { group: string }, b: { group: string }) => a.group.localeCompare(b.group));
    expect(groups).toEqual([{ group: 'huyen', average: 96, count: 1 }, { group: 'so', average: 83.33, count: 3 }]);
  });
});
