import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { ALL_ROLES, startTestApp, type TestApp } from '../support/app';
import { provinceCampaigns } from '../support/province-scenario';
import { createUnit } from '../../server/features/units/service';
import { setCampaignUnits } from '../../server/features/campaigns/repository';
import type { Role } from '../../server/db/schema';

type RankedUnit = { unitId: string; unit: string; group: string; score: number; max: number; index: number; rank: number; band: string | null; change: { score: number; percent: number; rank: number | null } | null };
type ProvinceUnit = RankedUnit & { name: string; code: string; band: { code: string } | null; parts: Record<string, { score: number; max: number }>; fields: ({ code: string; score: number } | null)[] };

// Issue 12 point 11: the ranking table (XLSX, CSV) and the province-wide report (JSON, HTML) of all units of a
// campaign, with the ranking page's figures.
describeEachDb('province-wide outputs: the ranking table and the province-wide report', (kind) => {
  let t: TestApp;
  let campaignId: string;
  let previousId: string;
  let scenario: Awaited<ReturnType<typeof provinceCampaigns>>;
  let ranking: { units: RankedUnit[]; groups: { group: string; average: number; count: number }[] };
  const base = () => `/api/campaigns/${campaignId}/report`;
  const get = async (url: string, role: Role = 'supervisor') => t.app.inject({ method: 'GET', url, headers: { cookie: await t.cookieFor(role) } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    scenario = await provinceCampaigns(t.database.db);
    ({ campaignId, previousId } = scenario);
    const res = await get(`/api/campaigns/${campaignId}/ranking`);
    expect(res.statusCode, res.body).toBe(200);
    ranking = res.json();
  });
  afterAll(() => t?.close());

  it('the report JSON has every ranked unit once, per group, with the ranking page\'s figures; fields and parts add up to the total', async () => {
    const res = await get(base());
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.campaign).toMatchObject({ year: 2023, previous: { year: 2022 } });
    expect(r.totals.units).toBe(6);
    expect(r.groups.map((g: { group: string; count: number; average: number }) => [g.group, g.count, g.average])).toEqual(ranking.groups.map((g) => [g.group, g.count, g.average]));
    const all: ProvinceUnit[] = r.groups.flatMap((g: { units: ProvinceUnit[] }) => g.units);
    expect(all.map((u) => u.unitId).sort()).toEqual(ranking.units.map((u) => u.unitId).sort());
    for (const u of ranking.units) {
      const mine = all.find((x) => x.unitId === u.unitId)!;
      expect({ ...mine, band: mine.band?.code ?? null }).toMatchObject({ score: u.score, max: u.max, index: u.index, rank: u.rank, band: u.band, change: u.change });
      const fields = mine.fields.reduce((s, f) => s + (f?.score ?? 0), 0);
      expect(fields).toBeCloseTo(u.score, 6);
      expect(mine.parts.content!.score + mine.parts.sociological!.score).toBeCloseTo(u.score, 6);
    }
    const dept = r.groups.find((g: { group: string }) => g.group === 'so-nganh');
    expect(dept.label).toEqual({ vi: 'Sở, ban, ngành', en: 'Departments' });
    expect(dept.top.map((x: { name: string }) => x.name)).toEqual(['Sở A', 'Sở B']); // half the group at most
    expect(dept.bottom.map((x: { name: string }) => x.name)).toEqual(['Sở D', 'Sở C']);
    // Sở B lost 3.4.1 and 3.4.2 entirely: the most in field 3, and 3.4 is where the group lost most
    const field3 = dept.losses.find((f: { code: string }) => f.code === '3');
    expect(field3.units[0].name).toBe('Sở B');
    expect(field3.criteria[0]).toMatchObject({ code: '3.4', unitsLosing: 4, worst: { name: 'Sở B' } });
    expect(dept.bands.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(4);
    expect(dept.movement.up + dept.movement.down + dept.movement.same).toBe(4);
    expect(dept.summary.vi).toMatch(/^Nhóm Sở, ban, ngành: 4 đơn vị, chỉ số bình quân \d+,\d\d%; cao nhất là Sở A \(95,00%\), thấp nhất là Sở D \(70,00%\)\./);
    expect(r.summary.vi).toMatch(/^Năm 2023, 6 đơn vị được đánh giá, xác định Chỉ số CCHC và xếp hạng theo 2 nhóm: Huyện, thị xã, thành phố \(2\), Sở, ban, ngành \(4\)\. Xếp loại: /);
  });

  it('exports the ranking as XLSX: a sheet per group, a row per unit, numbers with formats, the same totals', async () => {
    const res = await get(`${base()}/ranking.xlsx`, 'analyst');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="PAR-INDEX_2023_bang-xep-hang\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // the groups in the ranking page's order
    expect(ranking.groups.map((g) => g.group)).toEqual(['huyen', 'so-nganh']);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Huyện, thị xã, thành phố', 'Sở, ban, ngành']);
    const sheet = wb.getWorksheet('Sở, ban, ngành')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 3)).toEqual(['Xếp hạng', 'Mã đơn vị', 'Đơn vị']);
    expect(header[3]).toBe('1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC (9,50 điểm)'); // a field: code, name, maximum
    expect(header).toContain('Điểm điều tra xã hội học');
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, i) => i > 2 && typeof row.getCell(1).value === 'number' && rows.push(row));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const u = ranking.units.find((x) => x.unit === row.getCell(col('Đơn vị')).value)!;
      expect(row.getCell(col('Xếp hạng')).value).toBe(u.rank);
      expect(row.getCell(col('Tổng điểm')).value).toBeCloseTo(u.score, 6);
      expect(row.getCell(col('Tổng điểm')).numFmt).toBe('0.00');
      expect(row.getCell(col('Chỉ số (%)')).value).toBeCloseTo(u.index / 100, 8);
      expect(row.getCell(col('Chỉ số (%)')).numFmt).toBe('0.00%');
      expect(row.getCell(col('Tăng (+), giảm (-) bậc so với năm 2022')).value).toBe(u.change?.rank ?? null);
    }
    const lastRow = sheet.getRow(sheet.rowCount);
    expect(lastRow.getCell(3).value).toBe('Bình quân nhóm');
    expect(lastRow.getCell(col('Chỉ số (%)')).value).toBeCloseTo(ranking.groups.find((g) => g.group === 'so-nganh')!.average / 100, 8);
  });

  it('exports the ranking as CSV as the appendix CSV is: BOM, CRLF, a row per unit, decimal points (or ; and commas)', async () => {
    const res = await get(`${base()}/ranking.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="PAR-INDEX_2023_bang-xep-hang\.csv"/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const [header, ...body] = rows;
    expect(header!.slice(0, 5)).toEqual(['Xếp hạng', 'Mã đơn vị', 'Đơn vị', 'Nhóm', 'Lĩnh vực 1']);
    expect(body).toHaveLength(6);
    const at = (name: string) => header!.indexOf(name);
    for (const u of ranking.units) {
      const row = body.find((r) => r[at('Đơn vị')] === u.unit)!;
      expect(row[at('Xếp hạng')]).toBe(String(u.rank));
      expect(row[at('Chỉ số (%)')]).toBe(u.index.toFixed(2));
      expect(Number(row[at('Tổng điểm')])).toBeCloseTo(u.score, 4);
    }
    expect(body.find((r) => r[2] === 'Sở A')![3]).toBe('Sở, ban, ngành');
    const comma = await get(`${base()}/ranking.csv?decimal=comma`);
    expect(comma.headers['content-disposition']).toMatch(/filename="PAR-INDEX_2023_bang-xep-hang_dau-phay\.csv"/);
    const sa = ranking.units.find((u) => u.unit === 'Sở A')!;
    expect(comma.rawPayload.toString('utf8')).toContain(`;${sa.index.toFixed(2).replace('.', ',')};`);
    // a campaign that follows none has no change columns
    const first = Papa.parse<string[]>((await get(`/api/campaigns/${previousId}/report/ranking.csv`)).rawPayload.toString('utf8').slice(1)).data[0]!;
    expect(header!.filter((h) => h.startsWith('Tăng'))).toHaveLength(3);
    expect(first.filter((h) => h.startsWith('Tăng'))).toEqual([]);
    expect(first.at(-1)).toBe('Xếp loại');
  });

  it('prints the province-wide report as a standalone A4 page with the groups, the fields and a landscape appendix', async () => {
    const res = await get(`${base()}/print.html`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="PAR-INDEX_2023_bao-cao-toan-tinh\.html"/);
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(res.body).toContain('@page landscape { size: A4 landscape;');
    expect(res.body).toContain('Năm 2023, 6 đơn vị được đánh giá');
    expect(res.body).toMatch(/3\. Cải cách thủ tục hành chính: bình quân \d+,\d\d%/);
    expect(res.body).toContain('Các đơn vị mất nhiều điểm nhất: Sở B');
    expect(res.body.match(/data-appendix=/g)).toHaveLength(2);
    expect(res.body).not.toContain('<script');
    const download = await get(`${base()}/print.html?download=true`);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('staff may download; other roles get 403 and no session 401', async () => {
    for (const url of [base(), `${base()}/ranking.xlsx`, `${base()}/ranking.csv`, `${base()}/print.html`]) {
      for (const role of ALL_ROLES) {
        const res = await get(url, role);
        expect(res.statusCode, `${role} ${url}`).toBe(['admin', 'analyst', 'supervisor'].includes(role) ? 200 : 403);
      }
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const missing = await get('/api/campaigns/00000000-0000-4000-8000-000000000000/report/ranking.xlsx');
    expect(missing.statusCode).toBe(404);
  });

  // last: it adds a unit to the campaign
  it('a unit compared through its lineage (a rename) has the ranking\'s change and the note saying with what, in the table and the report', async () => {
    const db = t.database.db;
    const renamed = await createUnit(db, { code: 'S5', name: 'Sở Đổi Tên', parentId: scenario.provinceId, kind: 'department', group: 'so-nganh' });
    const old = await createUnit(db, { code: 'S5-CU', name: 'Sở Tên Cũ', parentId: scenario.provinceId, kind: 'department', group: 'so-nganh' });
    await setCampaignUnits(db, previousId, [...scenario.unitIds, old.id]);
    await setCampaignUnits(db, campaignId, [...scenario.unitIds, renamed.id]);
    await scenario.fill(scenario.campaigns.prev, old.id, 0.6);
    await scenario.fill(scenario.campaigns.cur, renamed.id, 0.65);
    const event = await t.app.inject({ method: 'POST', url: '/api/units/lineage', headers: { cookie: await t.cookieFor('analyst') }, payload: { kind: 'rename', effectiveOn: '2023-01-01', predecessors: [{ unitId: old.id }], successors: [{ unitId: renamed.id }] } });
    expect(event.statusCode, event.body).toBe(201);
    const unit = ((await get(`/api/campaigns/${campaignId}/ranking`)).json().units as (RankedUnit & { baseline: { note: { vi: string } | null } })[]).find((u) => u.unit === 'Sở Đổi Tên')!;
    expect(unit.baseline?.note?.vi).toMatch(/Sở Tên Cũ/);
    const r = (await get(base())).json();
    const mine = r.groups.flatMap((g: { units: ProvinceUnit[] }) => g.units).find((u: ProvinceUnit) => u.name === 'Sở Đổi Tên');
    expect(mine).toMatchObject({ change: unit.change, changeNote: unit.baseline!.note });
    const rows = Papa.parse<string[]>((await get(`${base()}/ranking.csv`)).rawPayload.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const note = rows[0]!.indexOf('Ghi chú so sánh');
    expect(note).toBeGreaterThan(0);
    expect(rows.find((row) => row[2] === 'Sở Đổi Tên')![note]).toBe(unit.baseline!.note!.vi);
    expect(rows.find((row) => row[2] === 'Sở A')![note]).toBe('');
    expect((await get(`${base()}/print.html`)).body).toContain(unit.baseline!.note!.vi);
  });
});
