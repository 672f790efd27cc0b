import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { upsertScore } from '../../server/features/content-scores/repository';

type Problem = { kind: string; row: number | null; column: string | null; header: string | null; message: { vi: string; en: string } };
type Ranked = { unitId: string; unit: string; index: number; rank: number; change: { score: number; percent: number; rank: number | null } | null; baseline: { kind: string; index: number | null; note: { vi: string; en: string } | null } | null };

describeEachDb('unit tree import and lineage across mergers (issue 14)', (kind) => {
  let t: TestApp;
  let analyst: string;
  const post = (url: string, payload: Record<string, unknown>, cookie = analyst) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const unitCount = async () => Number((await t.database.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(kind);
    analyst = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  it('refuses a unit tree with an unknown parent, a duplicate code and a cycle: every problem by row and column as written, nothing stored', async () => {
    const csv = [
      'Mã ĐVHC,Tên đơn vị,Loại,Mã cha,Nhóm,Hiệu lực từ',
      '91,Tỉnh Mới,tỉnh,,,01/07/2025',
      '91001,Xã Một,xã,91,xa,2025-07-01',
      '91002,Xã Hai,xã,99,xa,2025-07-01', // unknown parent (row 4)
      '91001,Xã Một lặp,xã,91,xa,', // duplicate code (row 5)
      '91900,Huyện Vòng A,huyện,91901,huyen,', // cycle 91900 → 91901 → 91900 (rows 6, 7)
      '91901,Huyện Vòng B,huyện,91900,huyen,',
      '91003,Xã Ba,thôn,91,xa,31/02/2025', // unknown kind and a date that does not exist (row 8)
    ].join('\n');
    const before = await unitCount();
    const preview = await post('/api/units/import/preview', { text: csv });
    expect(preview.statusCode, preview.body).toBe(200);
    const problems = preview.json().problems as Problem[];
    const at = (row: number, k: string) => problems.find((p) => p.row === row && p.kind === k);
    expect(at(4, 'unknown_parent')).toMatchObject({ column: 'parent', header: 'Mã cha' });
    expect(at(4, 'unknown_parent')!.message.vi).toBe('Dòng 4, cột Mã cha: không có đơn vị mã 99 trong tệp hoặc trong danh mục.');
    expect(at(4, 'unknown_parent')!.message.en).toBe('Row 4, column Mã cha: no unit with code 99 in the file or the catalogue.');
    expect(at(5, 'duplicate_code')).toMatchObject({ column: 'code', header: 'Mã ĐVHC' });
    expect(at(5, 'duplicate_code')!.message.vi).toBe('Dòng 5, cột Mã ĐVHC: mã 91001 trùng với dòng 3.');
    expect(at(6, 'cycle')!.message.vi).toBe('Dòng 6, cột Mã cha: vòng lặp đơn vị cha: 91900 → 91901 → 91900.');
    expect(at(7, 'cycle')).toMatchObject({ header: 'Mã cha' });
    expect(at(8, 'unknown_kind')).toMatchObject({ header: 'Loại' });
    expect(at(8, 'bad_date')).toMatchObject({ column: 'valid_from', header: 'Hiệu lực từ' });
    expect(problems.map((p) => [p.row, p.kind])).toEqual([[4, 'unknown_parent'], [5, 'duplicate_code'], [6, 'cycle'], [7, 'cycle'], [8, 'unknown_kind'], [8, 'bad_date']]);

    const commit = await post('/api/units/import', { text: csv });
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.details.problems).toHaveLength(6);
    expect(commit.json().error.message_vi).toMatch(/^Tệp đơn vị có 6 lỗi, chưa lưu gì\./);
    expect(await unitCount()).toBe(before);
  });

  it('imports a two-level tree (communes directly under the province) from XLSX in one transaction, with validity dates and coordinates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn vị');
    ws.addRows([
      ['code', 'name', 'kind', 'parent', 'group', 'latitude', 'longitude', 'valid_from', 'valid_to'],
      ['92', 'Tỉnh Hai Cấp', 'province', '', '', '', '', '2025-07-01', ''],
      ['92001', 'Phường Trung Tâm', 'phường', '92', 'xa', '21,5', '105,8', new Date(Date.UTC(2025, 6, 1)), ''], // a real Excel date cell
      ['92002', 'Sở Nội vụ', 'sở', '92', 'so', '', '', '', ''],
    ]);
    const xlsxBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await post('/api/units/import/preview', { xlsxBase64 });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().problems).toEqual([]);
    const before = await unitCount();
    const commit = await post('/api/units/import', { xlsxBase64 });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toEqual({ imported: 3 });
    expect(await unitCount()).toBe(before + 3);
    const units = (await get('/api/units')).json().units as { code: string; parentId: string | null; id: string; kind: string; latitude: number | null; validFrom: string | null }[];
    const province = units.find((u) => u.code === '92')!;
    expect(units.find((u) => u.code === '92001')).toMatchObject({ kind: 'commune', parentId: province.id, latitude: 21.5, validFrom: '2025-07-01' });
    expect(units.find((u) => u.code === '92002')).toMatchObject({ kind: 'department', parentId: province.id, validFrom: null });
    // the same file again: every code is already in the catalogue
    const again = await post('/api/units/import', { xlsxBase64 });
    expect(again.statusCode).toBe(422);
    expect((again.json().error.details.problems as Problem[]).map((p) => p.kind)).toEqual(['duplicate_code', 'duplicate_code', 'duplicate_code']);
  });

  it('a supervisor may not import units or record lineage', async () => {
    const supervisor = await t.cookieFor('supervisor');
    expect((await post('/api/units/import', { text: 'code,name,kind\n93,Tỉnh,province' }, supervisor)).statusCode).toBe(403);
    expect((await post('/api/units/lineage', { kind: 'rename', effectiveOn: '2025-07-01', predecessors: [], successors: [] }, supervisor)).statusCode).toBe(403);
  });

  it('year-over-year change goes through the lineage: merge 3 → 1 (share-weighted), split 1 → 2, rename; new unit; ranking and report say so', async () => {
    const db = t.database.db;
    const p = await createUnit(db, { code: 'LT', name: 'Tỉnh L', parentId: null, kind: 'province', group: null });
    const mk = (code: string, name: string) => createUnit(db, { code, name, parentId: p.id, kind: 'commune', group: 'xa' });
    const [a, b, c, pr, o, k] = [await mk('LA', 'Xã An'), await mk('LB', 'Xã Bình'), await mk('LC', 'Xã Châu'), await mk('LP', 'Xã Phú'), await mk('LO', 'Xã Cũ'), await mk('LK', 'Xã Giữ')];
    const [x, s1, s2, r, n] = [await mk('LX', 'Xã Hợp Nhất'), await mk('LS1', 'Xã Phú Bắc'), await mk('LS2', 'Xã Phú Nam'), await mk('LR', 'Xã Mới Tên'), await mk('LN', 'Xã Lập Mới')];
    const prev = await createCampaign(db, { name: 'L 2024', year: 2024, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: [a, b, c, pr, o, k].map((u) => u.id), previousCampaignId: null });
    const cur = await createCampaign(db, { name: 'L 2026', year: 2026, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: [x, s1, s2, r, k, n].map((u) => u.id), previousCampaignId: prev.id });
    const set = (await get('/api/criteria-sets/par-province-2023')).json().criteriaSet;
    // every leaf at a share q of its maximum: total 100 q of 100, index 100 q
    const fill = async (campaignId: string, unitId: string, q: number) => {
      for (const cr of set.criteria.filter((cr: { source: string | null }) => cr.source)) {
        await upsertScore(db, { campaign_id: campaignId, unit_id: unitId, criterion_code: cr.code, self_score: null, appraised: cr.maxPoints * q, numerator: null, denominator: null, not_applicable: false, is_override: false, note: null, updated_by: null });
      }
    };
    for (const [u, q] of [[a, 0.8], [b, 0.7], [c, 0.9], [pr, 0.85], [o, 0.72], [k, 0.6]] as const) await fill(prev.id, u.id, q);
    for (const [u, q] of [[x, 0.8], [s1, 0.9], [s2, 0.8], [r, 0.75], [k, 0.65], [n, 0.5]] as const) await fill(cur.id, u.id, q);

    const merge = await post('/api/units/lineage', {
      kind: 'merge', effectiveOn: '2025-07-01', shareBasis: 'population', note: 'Nghị quyết sắp xếp ĐVHC cấp xã',
      predecessors: [{ unitId: a.id, share: 12000 }, { unitId: b.id, share: 8000 }, { unitId: c.id, share: 5000 }], successors: [{ unitId: x.id }],
    });
    expect(merge.statusCode, merge.body).toBe(201);
    expect(merge.json().event).toMatchObject({ kind: 'merge', effectiveOn: '2025-07-01', shareBasis: 'population', successors: [{ code: 'LX' }] });
    expect((merge.json().event.predecessors as { code: string; share: number }[]).map((q) => [q.code, q.share]).sort()).toEqual([['LA', 12000], ['LB', 8000], ['LC', 5000]]);
    expect((await post('/api/units/lineage', { kind: 'split', effectiveOn: '2025-07-01', predecessors: [{ unitId: pr.id }], successors: [{ unitId: s1.id, share: 0.6 }, { unitId: s2.id, share: 0.4 }] })).statusCode).toBe(201);
    expect((await post('/api/units/lineage', { kind: 'rename', effectiveOn: '2025-07-01', predecessors: [{ unitId: o.id }], successors: [{ unitId: r.id }] })).statusCode).toBe(201);
    // a merge needs at least two predecessors: said in both languages
    const bad = await post('/api/units/lineage', { kind: 'merge', effectiveOn: '2025-07-01', predecessors: [{ unitId: a.id }], successors: [{ unitId: x.id }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message_vi).toMatch(/^Gộp cần ít nhất 2 đơn vị trước/);
    expect((await get('/api/units/lineage')).json().events).toHaveLength(3);

    const ranking = await get(`/api/campaigns/${cur.id}/ranking`);
    expect(ranking.statusCode, ranking.body).toBe(200);
    const by = Object.fromEntries((ranking.json().units as Ranked[]).map((u) => [u.unit, u]));
    // merge (README worked example): weights 0,48 / 0,32 / 0,20 → 0,48·80 + 0,32·70 + 0,20·90 = 78,8; change 80 − 78,8 = 1,2
    expect(by['Xã Hợp Nhất']!.baseline).toMatchObject({ kind: 'merge', index: 78.8, note: { vi: 'so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu' } });
    expect(by['Xã Hợp Nhất']!.change!.percent).toBeCloseTo(1.2, 6);
    expect(by['Xã Hợp Nhất']!.change!.score).toBeCloseTo(1.2, 4);
    expect(by['Xã Hợp Nhất']!.change!.rank).toBeNull();
    // split: each successor against the predecessor's 85
    expect(by['Xã Phú Bắc']).toMatchObject({ baseline: { kind: 'split', index: 85, note: { vi: 'so với năm 2024, tách từ: Xã Phú' } } });
    expect(by['Xã Phú Bắc']!.change!.percent).toBeCloseTo(5, 6);
    expect(by['Xã Phú Nam']!.change!.percent).toBeCloseTo(-5, 6);
    // rename: against 72, and the rank too (4th of 6 in 2024, 4th of 6 now)
    expect(by['Xã Mới Tên']).toMatchObject({ baseline: { kind: 'rename', index: 72 }, change: { rank: 0 } });
    expect(by['Xã Mới Tên']!.change!.percent).toBeCloseTo(3, 6);
    // the unit itself: as before lineage (60 → 65, 6th → 5th)
    expect(by['Xã Giữ']).toMatchObject({ baseline: { kind: 'same', note: null }, change: { rank: 1 } });
    expect(by['Xã Giữ']!.change!.percent).toBeCloseTo(5, 6);
    // no predecessor: a new unit, no change
    expect(by['Xã Lập Mới']).toMatchObject({ change: null, baseline: { kind: 'new', note: { vi: 'đơn vị mới', en: 'new unit' } } });

    // one predecessor without an index: left out, shares renormalised (0,48·80 + 0,32·70) / 0,80 = 76
    await db.deleteFrom('content_score').where('campaign_id', '=', prev.id).where('unit_id', '=', c.id).execute();
    const partial = Object.fromEntries(((await get(`/api/campaigns/${cur.id}/ranking`)).json().units as Ranked[]).map((u) => [u.unit, u]));
    expect(partial['Xã Hợp Nhất']!.baseline).toMatchObject({ index: 76, note: { vi: 'so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu; không tính Xã Châu (không có chỉ số)' } });
    await fill(prev.id, c.id, 0.9);

    const report = await get(`/api/campaigns/${cur.id}/units/${x.id}/report`);
    expect(report.statusCode, report.body).toBe(200);
    const rep = report.json().report ?? report.json();
    expect(rep.baseline).toMatchObject({ kind: 'merge', index: 78.8 });
    expect(rep.total.change.percent).toBeCloseTo(1.2, 6);
    expect(rep.summary.overall.vi).toContain('(tăng 1,20 điểm so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu)');
    expect(rep.summary.overall.en).toContain('(up 1.20 points compared with 2024, merged from: Xã An, Xã Bình, Xã Châu)');
    // a field compared with the predecessors' same field, same weights: every field at q → 80 vs 78,8
    const field = (rep.rows as { level: number; change: { percent: number | null } | null }[]).find((row) => row.level === 0)!;
    expect(field.change!.percent).toBeCloseTo(1.2, 6);
    // trends: in 2024 the merged commune is its predecessors' combined result, and says so; a new unit has no 2024 point
    const trends = await get(`/api/campaigns/${cur.id}/results/trends`);
    expect(trends.statusCode, trends.body).toBe(200);
    const y2024 = (trends.json().trend as { year: number; units: { unitId: string; total: number; max: number; via: { note: { vi: string } } | null }[] }[]).find((c) => c.year === 2024)!;
    const merged = y2024.units.find((u) => u.unitId === x.id)!;
    expect(merged.via!.note.vi).toBe('so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu');
    expect(merged.total).toBeCloseTo(78.8, 3);
    expect(merged.max).toBeCloseTo(100, 6);
    expect(y2024.units.find((u) => u.unitId === s2.id)!.total).toBeCloseTo(85, 3);
    expect(y2024.units.find((u) => u.unitId === k.id)!.via).toBeNull();
    expect(y2024.units.some((u) => u.unitId === n.id)).toBe(false);
    const fresh = (await get(`/api/campaigns/${cur.id}/units/${n.id}/report`)).json();
    expect((fresh.report ?? fresh).summary.overall.vi).toContain('(đơn vị mới)');
  });
});
