import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { agencySeeds } from '../../server/features/reports/agencies';

type Row = { code: string; agencies: string[] };
type Report = { agencyMap: { custom: boolean; source: string | null; editable: boolean }; rows: Row[] };

// Issue 12 point 10: a department's report used the provincial responsibility map ("Sở Tư pháp" responsible for
// field 2 of Sở Y tế's own report). The default follows the unit's criteria set and kind; the campaign's own mapping
// applies to the units scored with the campaign's criteria set.
describeEachDb('the agencies responsible in a unit\'s report follow its criteria set and kind', (kind) => {
  let t: TestApp;
  let cookie: string;
  const provincial = new Set(Object.values(agencySeeds().find((s) => s.code === 'par-province-default')!.agencies).flat());
  const report = async (campaignId: string, unitId: string): Promise<Report> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/units/${unitId}/report`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const agenciesOf = (r: Report, code: string) => r.rows.find((x) => x.code === code)!.agencies;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cookie = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  it('the provincial set: a province gets the provincial agencies, a department its divisions, a district its offices, a commune none', async () => {
    const db = t.database.db;
    const p = await createUnit(db, { code: 'P', name: 'Tỉnh P', parentId: null, kind: 'province', group: 'tinh' });
    const dept = await createUnit(db, { code: 'SYT', name: 'Sở Y tế', parentId: p.id, kind: 'department', group: 'so-nganh' });
    const district = await createUnit(db, { code: 'H1', name: 'Huyện Một', parentId: p.id, kind: 'district', group: 'huyen' });
    const commune = await createUnit(db, { code: 'X1', name: 'Xã Một', parentId: district.id, kind: 'commune', group: 'xa' });
    const c = await createCampaign(db, { name: 'Chỉ số 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: [p.id, dept.id, district.id, commune.id], previousCampaignId: null });

    const province = await report(c.id, p.id);
    expect(province.agencyMap).toEqual({ custom: false, source: 'par-province-default', editable: true });
    expect(agenciesOf(province, '2')).toEqual(['Sở Tư pháp']);

    const department = await report(c.id, dept.id);
    expect(department.agencyMap).toMatchObject({ custom: false, source: 'par-province-department' });
    expect(agenciesOf(department, '2')).toEqual(['Bộ phận pháp chế (Văn phòng Sở)']);
    expect(agenciesOf(department, '8.1')).toEqual(['Văn phòng Sở (bộ phận Một cửa)']);
    // no provincial agency anywhere in the department's report
    expect(department.rows.flatMap((r) => r.agencies).filter((a) => provincial.has(a))).toEqual([]);

    const districtReport = await report(c.id, district.id);
    expect(districtReport.agencyMap.source).toBe('par-province-district');
    expect(agenciesOf(districtReport, '1')).toEqual(['Phòng Nội vụ']);
    expect(agenciesOf(districtReport, '2')).toEqual(['Phòng Tư pháp']);

    // no mapping is made for communes under the provincial set: none rather than another kind's
    const communeReport = await report(c.id, commune.id);
    expect(communeReport.agencyMap).toMatchObject({ custom: false, source: null });
    expect(communeReport.rows.every((r) => r.agencies.length === 0)).toBe(true);

    // the dialog's view for a unit is what its report uses
    const view = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${c.id}/agencies?unitId=${dept.id}`, headers: { cookie } })).json();
    expect(view).toMatchObject({ custom: false, editable: true, source: 'par-province-department', criteriaSet: 'par-province-2023' });
    expect(view.criteria.find((x: { code: string }) => x.code === '2.1')).toMatchObject({ agencies: ['Bộ phận pháp chế (Văn phòng Sở)'], inherited: true });
  });

  it('per-kind criteria sets: departments and communes each get their set\'s mapping; the campaign\'s own mapping reaches only its set\'s units', async () => {
    const db = t.database.db;
    const p = await createUnit(db, { code: 'Q', name: 'Tỉnh Q', parentId: null, kind: 'province', group: null });
    const dept = await createUnit(db, { code: 'QSNV', name: 'Sở Nội vụ Q', parentId: p.id, kind: 'department', group: 'so-nganh' });
    const district = await createUnit(db, { code: 'QH', name: 'Huyện Q', parentId: p.id, kind: 'district', group: 'huyen' });
    const commune = await createUnit(db, { code: 'QX', name: 'Xã Q', parentId: district.id, kind: 'commune', group: 'xa' });
    const c = await createCampaign(db, { name: 'Tự đánh giá 2025', year: 2025, criteriaSetCode: 'internal-department-2025', bandSetCode: 'province5', unitIds: [dept.id, commune.id], previousCampaignId: null });
    await db.insertInto('campaign_criteria_set').values([
      { campaign_id: c.id, unit_kind: 'department', criteria_set_code: 'internal-department-2025' },
      { campaign_id: c.id, unit_kind: 'commune', criteria_set_code: 'internal-commune-2025' },
    ]).execute();

    const d = await report(c.id, dept.id);
    expect(d.agencyMap).toEqual({ custom: false, source: 'internal-department-default', editable: true });
    expect(agenciesOf(d, '6')).toEqual(['Phòng Kế hoạch - Tài chính']);
    const x = await report(c.id, commune.id);
    expect(x.agencyMap).toEqual({ custom: false, source: 'internal-commune-default', editable: false });
    expect(agenciesOf(x, '3')).toEqual(['Trung tâm Phục vụ hành chính công xã']);

    // the campaign's own mapping (checked against the departments' set) changes the departments' reports only
    const put = await t.app.inject({ method: 'PUT', url: `/api/campaigns/${c.id}/agencies`, headers: { cookie }, payload: { agencies: { '6': ['Phòng Tài chính của Sở'] } } });
    expect(put.statusCode, put.body).toBe(200);
    const d2 = await report(c.id, dept.id);
    expect(d2.agencyMap).toEqual({ custom: true, source: null, editable: true });
    expect(agenciesOf(d2, '6')).toEqual(['Phòng Tài chính của Sở']);
    const x2 = await report(c.id, commune.id);
    expect(x2.agencyMap).toEqual({ custom: false, source: 'internal-commune-default', editable: false });
    expect(agenciesOf(x2, '6')).toEqual(['Phòng Kinh tế']);
    const view = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${c.id}/agencies?unitId=${commune.id}`, headers: { cookie } })).json();
    expect(view).toMatchObject({ custom: false, editable: false, criteriaSet: 'internal-commune-2025', source: 'internal-commune-default' });
    expect(view.criteria.find((c: { code: string }) => c.code === '3.2').name).toBe('Bộ phận Một cửa cấp xã');

    // a unit outside the campaign is refused
    const outside = await t.app.inject({ method: 'GET', url: `/api/campaigns/${c.id}/agencies?unitId=${p.id}`, headers: { cookie } });
    expect(outside.statusCode).toBe(404);
  });
});
