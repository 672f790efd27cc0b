import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { setCampaignUnits } from '../../server/features/campaigns/repository';
import { sentenceCase } from '../../server/features/reports/format';
import { csvNumber } from '../../server/features/reports/appendix';

type Row = { code: string; max: number; self: number | null; appraised: number | null; percent: number | null; lostCount: number; agencies: string[]; rank: { rank: number; of: number } | null; change: { score: number; percent: number | null; rank: number | null } | null };
type Lost = { code: string; field: string; max: number; self: number | null; appraised: number; lost: number; note: string | null; agencies: string[]; source: string };

describeEachDb('the yearly report of Hà Giang 2022 and its exports', (kind) => {
  let t: TestApp;
  let base: string;
  let campaignId: string;
  let unitId: string;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const hg = await haGiangCampaign(t.database.db);
    ({ base } = hg);
    campaignId = hg.campaign.id;
    unitId = hg.unit.id;
    cookie = await t.cookieFor('analyst');
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('reports the total, the fields, the points lost with their notes and agencies, in Vietnamese', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/report`, headers: { cookie: await t.cookieFor('supervisor') } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total.appraised).toBeCloseTo(84.4089, 4);
    expect(r.total.max).toBe(100);
    expect(r.total.percent).toBeCloseTo(84.4089, 4);
    expect(r.band).toMatchObject({ code: 'B' });
    expect(r.total.rank).toBeNull(); // one unit in the campaign: no rank
    expect(r.total.change).toBeNull(); // no previous campaign
    expect(r.unit).toMatchObject({ code: 'HG', name: 'Tỉnh Hà Giang' });

    const row = (code: string) => r.rows.find((x: Row) => x.code === code) as Row;
    // field 5: the children's sum 11.7808 (the table's 11.7898 is not kept), 78,54 % as the report's text says
    expect(row('5').appraised).toBeCloseTo(11.7808, 4);
    expect(row('5').max).toBe(15);
    expect(row('5').percent).toBeCloseTo(78.5387, 3);
    expect(row('5').agencies).toEqual(['Sở Nội vụ']);
    expect(row('1.7').agencies).toEqual(['Văn phòng UBND tỉnh']); // a criterion overrides its field
    expect(row('1.3').appraised).toBe(2); // the kept published 2.00
    expect(r.rows.filter((x: Row) => x.code.split('.').length === 1)).toHaveLength(8);
    expect(r.rows.some((x: Row) => x.code === '1.3.1')).toBe(false); // fields and criteria only

    const lost = (code: string) => r.lost.find((l: Lost) => l.code === code) as Lost;
    expect(lost('1.5')).toMatchObject({ field: '1', max: 2, self: 2, appraised: 1.5, lost: 0.5, source: 'content', agencies: ['Sở Nội vụ'] });
    expect(lost('1.5').note).toMatch(/^Ghi nhận 02 sáng kiến/);
    expect(lost('8.4')).toMatchObject({ field: '8', max: 1.5, appraised: 0.5, lost: 1, agencies: ['Sở Kế hoạch và Đầu tư'] });
    expect(lost('8.4').note).toBe('Thuộc nhóm 13 địa phương thấp nhất cả nước');
    expect(lost('1.1')).toBeUndefined(); // full marks
    expect(lost('2.4.1')).toMatchObject({ source: 'leadership_survey', note: 'Điều tra xã hội học các Đại biểu HĐND tỉnh và lãnh đạo quản lý' });
    // field 1 lost points on 1.3.2, 1.5 and 1.7
    expect(r.lost.filter((l: Lost) => l.field === '1').map((l: Lost) => l.code)).toEqual(['1.3.2', '1.5', '1.7']);
    expect(row('1').lostCount).toBe(3);

    expect(r.summary.overall.vi).toBe('Năm 2022, Chỉ số CCHC của tỉnh Hà Giang đạt 84,41% (84,41/100,00 điểm), xếp loại: Loại B.');
    expect(r.summary.overall.en).toMatch(/^In 2022, the PAR INDEX of Tỉnh Hà Giang was 84\.41%/);
    const f5 = r.summary.fields.find((f: { code: string }) => f.code === '5');
    expect(f5.text.vi).toBe('5. Cải cách chế độ công vụ: đạt 11,78/15,00 điểm (78,54%).');
    const f1 = r.summary.fields.find((f: { code: string }) => f.code === '1');
    expect(f1.text.vi).toMatch(/^1\. Công tác chỉ đạo, điều hành CCHC: đạt 8,62\/9,50 điểm/);
    expect(f1.lost.vi).toMatch(/1\.5 \(1,50\/2,00\)/);
    expect(f1.lost.vi).toMatch(/Đơn vị phụ trách: Sở Nội vụ; Văn phòng UBND tỉnh\./);
    // the published sociological points: 25,47/32 = SIPAS 7,78/10 + leaders 17,69/22
    expect(r.summary.parts.vi).toBe(
      'Điểm nội dung (thẩm định): 58,94/68,00 điểm; điểm điều tra xã hội học: 25,47/32,00 điểm, trong đó chỉ số hài lòng của người dân, tổ chức (SIPAS): 7,78/10,00 điểm; điều tra đại biểu HĐND và lãnh đạo, quản lý: 17,69/22,00 điểm.',
    );
    expect(r.parts.sipas).toMatchObject({ score: 7.78, max: 10 });
  });

  it('exports the appendix as CSV: BOM, CRLF, Vietnamese names intact, numbers as published', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/report/appendix.csv`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="PAR-INDEX_HG_2022_phu-luc\.csv"/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n(?=[0-9])/); // every record ends with CRLF
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Ghi chú']);
    const byCode = new Map(rows.map((r) => [r[0], r]));
    expect(byCode.get('1')![1]).toBe('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC');
    expect(byCode.get('1.5')!.slice(2, 5)).toEqual(['2.00', '2.00', '1.50']);
    expect(byCode.get('1.5')![5]).toMatch(/^Ghi nhận 02 sáng kiến/);
    expect(byCode.get('3.4.1')!.slice(2, 5)).toEqual(['1.50', '1.4981', '1.4981']);
    expect(byCode.get('5')![4]).toBe('11.7808');
    expect(byCode.get('4.1.3')![5]).toMatch(/^ - Tổng số đơn vị SNCL năm 2015/); // not read as a formula by Excel
    const total = rows.at(-1)!;
    expect(total.slice(0, 3)).toEqual(['', 'TỔNG ĐIỂM', '100.00']);
    expect(total[4]).toBe('84.4089');

    // for Excel under Vietnamese regional settings: ';' and decimal commas
    const commaRes = await t.app.inject({ method: 'GET', url: `${base}/report/appendix.csv?decimal=comma`, headers: { cookie } });
    // a name of its own: both variants can be saved in one folder (issue 12, point 10)
    expect(commaRes.headers['content-disposition']).toMatch(/^attachment; filename="PAR-INDEX_HG_2022_phu-luc_dau-phay\.csv"/);
    const vi = commaRes.rawPayload.toString('utf8');
    expect(vi).toMatch(/\r\n5;CẢI CÁCH CHẾ ĐỘ CÔNG VỤ;15,00;[^;]*;11,7808;/);

    // the exported table is one the importer reads; its only fault is the kept published 1.3 (2.00, children 1.98),
    // which the importer again proposes to keep, giving the same total
    const preview = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text } });
    expect(preview.statusCode, preview.body).toBe(200);
    const errors = preview.json().findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { kind: string; code: string }) => `${f.kind} ${f.code}`)).toEqual(['sum_mismatch 1.3']);
    expect(preview.json()).toMatchObject({ chosen: ['1.3'] });
    expect(preview.json().statedTotal).toBeCloseTo(84.4089, 4);
    expect(preview.json().totalWithChosen).toBeCloseTo(84.4089, 4);
  });

  it('exports an XLSX that reads back with the same numbers, fields bold and 2–4 decimals', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/report/appendix.xlsx`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="PAR-INDEX_HG_2022_phu-luc\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Phụ lục 02', 'Phụ lục 01', 'Mất điểm']);
    const sheet = wb.getWorksheet('Phụ lục 02')!;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => rows.set(String(row.getCell(1).value ?? ''), row));
    expect(rows.get('STT')!.getCell(5).value).toBe('Điểm thẩm định');
    const five = rows.get('5')!;
    expect(five.getCell(2).value).toBe('CẢI CÁCH CHẾ ĐỘ CÔNG VỤ');
    expect(five.getCell(3).value).toBe(15);
    expect(five.getCell(5).value).toBeCloseTo(11.7808, 6);
    expect(five.font?.bold).toBe(true);
    expect(five.getCell(5).numFmt).toBe('0.00##');
    expect(rows.get('1.5')!.getCell(5).value).toBe(1.5);
    expect(rows.get('1.5')!.font?.bold).toBeFalsy();
    expect(String(rows.get('1.5')!.getCell(6).value)).toMatch(/^Ghi nhận 02 sáng kiến/);
    expect(rows.get('3.4.1')!.getCell(4).value).toBe(1.4981);
    const total = rows.get('')!;
    expect(total.getCell(2).value).toBe('TỔNG ĐIỂM');
    expect(total.getCell(5).value).toBeCloseTo(84.4089, 6);

    const lost = wb.getWorksheet('Mất điểm')!;
    const lostCodes: string[] = [];
    lost.eachRow((row, i) => i > 2 && lostCodes.push(String(row.getCell(1).value)));
    expect(lostCodes).toContain('1.5');
    expect(lostCodes).toContain('8.4');
    const summary = wb.getWorksheet('Phụ lục 01')!;
    let field5: ExcelJS.Row | undefined;
    summary.eachRow((row) => row.getCell(1).value === '5' && (field5 = row));
    expect(field5!.getCell(6).value).toBeCloseTo(0.7854, 6);
    expect(field5!.getCell(11).value).toBe('Sở Nội vụ');
  });

  it('prints the report as a standalone HTML page for A4', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/report/print.html`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="PAR-INDEX_HG_2022_bao-cao\.html"/);
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(res.body).toContain('@page { size: A4;');
    expect(res.body).toContain('Năm 2022, Chỉ số CCHC của tỉnh Hà Giang đạt 84,41%');
    expect(res.body).toContain('Sở Kế hoạch và Đầu tư');
    expect(res.body).not.toContain('<script');
    const download = await t.app.inject({ method: 'GET', url: `${base}/report/print.html?download=true`, headers: { cookie } });
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('ranks among the units of the same group and compares with the previous campaign', async () => {
    const db = t.database.db;
    // a second province in the same group, scored with the same table less 1.5 points on 1.5 and 5.4
    const other = await createUnit(db, { code: 'TQ', name: 'Tỉnh Tuyên Quang', parentId: null, kind: 'province', group: 'tinh' });
    await setCampaignUnits(db, campaignId, [unitId, other.id]);
    const otherBase = `/api/campaigns/${campaignId}/units/${other.id}`;
    expect((await t.app.inject({ method: 'POST', url: `${otherBase}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } })).statusCode).toBe(200);
    await t.app.inject({ method: 'PUT', url: `${otherBase}/scores/1.5`, headers: { cookie }, payload: { appraised: 1 } });
    await t.app.inject({ method: 'PUT', url: `${otherBase}/scores/5.4`, headers: { cookie }, payload: { appraised: 0 } });

    // a 2023 campaign that follows this one
    const next = await createCampaign(db, { name: 'PAR INDEX 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unitId, other.id], previousCampaignId: campaignId });
    const nextBase = `/api/campaigns/${next.id}/units/${unitId}`;
    expect((await t.app.inject({ method: 'POST', url: `${nextBase}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/campaigns/${next.id}/units/${other.id}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } })).statusCode).toBe(200);
    // in 2023 Hà Giang loses 1 more point on 1.5 and falls behind Tuyên Quang (83.4089 < 84.4089)
    await t.app.inject({ method: 'PUT', url: `${nextBase}/scores/1.5`, headers: { cookie }, payload: { appraised: 0.5 } });

    const now = (await t.app.inject({ method: 'GET', url: `${base}/report`, headers: { cookie } })).json();
    expect(now.peers).toBe(2);
    expect(now.total.rank).toMatchObject({ rank: 1, of: 2 });
    expect(now.rows.find((x: Row) => x.code === '1').rank).toMatchObject({ rank: 1, of: 2 });
    expect(now.rows.find((x: Row) => x.code === '2').rank).toMatchObject({ rank: 1, of: 2 }); // a tie shares the rank
    expect(now.summary.overall.vi).toMatch(/xếp thứ 1\/2/);

    const later = (await t.app.inject({ method: 'GET', url: `${nextBase}/report`, headers: { cookie } })).json();
    expect(later.campaign.previous).toMatchObject({ id: campaignId, year: 2022 });
    expect(later.total.rank).toMatchObject({ rank: 2, of: 2 });
    expect(later.total.change.score).toBeCloseTo(-1, 6);
    expect(later.total.change.rank).toBe(-1);
    expect(later.total.previous).toMatchObject({ year: 2022, rank: { rank: 1, of: 2 } });
    const field1 = later.rows.find((x: Row) => x.code === '1') as Row;
    expect(field1.change!.score).toBeCloseTo(-1, 6);
    expect(field1.change!.rank).toBe(-1);
    expect(later.summary.overall.vi).toBe(
      `Năm 2023, Chỉ số CCHC của tỉnh Hà Giang đạt 83,41% (83,41/100,00 điểm), xếp thứ 2/2 (điểm trung bình của nhóm: ${(later.total.rank.groupAverage as number).toFixed(2).replace('.', ',')}%) (giảm 1,00 điểm và 01 bậc so với năm 2022), xếp loại: Loại B.`,
    );
    expect(later.summary.fields[0].text.vi).toMatch(/^1\. Công tác chỉ đạo, điều hành CCHC: đạt 7,62\/9,50 điểm \(80,19%\), giảm 10,53% so với năm 2022, xếp thứ 2\/2, giảm 01 bậc\.$/);
  });

  it('maps fields and criteria to agencies: the default, a campaign\'s own mapping, and back', async () => {
    const url = `/api/campaigns/${campaignId}/agencies`;
    const initial = (await t.app.inject({ method: 'GET', url, headers: { cookie: await t.cookieFor('supervisor') } })).json();
    expect(initial).toMatchObject({ custom: false, source: 'par-province-default' });
    expect(initial.criteria.find((c: { code: string }) => c.code === '1.5')).toMatchObject({ agencies: ['Sở Nội vụ'], inherited: true });
    // a sub-criterion with its own entry is listed among the fields and criteria
    expect(initial.criteria.find((c: { code: string }) => c.code === '6.1.1')).toMatchObject({ level: 2, agencies: ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính'], inherited: false });
    expect(initial.criteria.some((c: { code: string }) => c.code === '6.1.2')).toBe(false);

    const forbidden = await t.app.inject({ method: 'PUT', url, headers: { cookie: await t.cookieFor('supervisor') }, payload: { agencies: {} } });
    expect(forbidden.statusCode).toBe(403);
    const unknown = await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { agencies: { '9.9': ['Sở X'] } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message_vi).toMatch(/không có mã 9\.9/);

    const put = await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { agencies: { ...initial.agencies, '1.5': ['  Sở Khoa học và Công nghệ ', ''], '8.4': ['Sở Tài chính'] } } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, source: null });
    expect(put.json().agencies['1.5']).toEqual(['Sở Khoa học và Công nghệ']);
    const report = (await t.app.inject({ method: 'GET', url: `${base}/report`, headers: { cookie } })).json();
    expect(report.agencyMap).toMatchObject({ custom: true });
    expect(report.lost.find((l: Lost) => l.code === '1.5').agencies).toEqual(['Sở Khoa học và Công nghệ']);
    expect(report.lost.find((l: Lost) => l.code === '8.4').agencies).toEqual(['Sở Tài chính']);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'agency_map').execute();
    expect(audit).toHaveLength(1);

    const reset = await t.app.inject({ method: 'DELETE', url, headers: { cookie } });
    expect(reset.json()).toMatchObject({ custom: false, source: 'par-province-default' });
    const again = (await t.app.inject({ method: 'GET', url: `${base}/report`, headers: { cookie } })).json();
    expect(again.lost.find((l: Lost) => l.code === '8.4').agencies).toEqual(['Sở Kế hoạch và Đầu tư']);
  });

  it('answers for a unit without scores, and refuses a unit outside the campaign and an enumerator', async () => {
    const db = t.database.db;
    const lone = await createUnit(db, { code: 'LC', name: 'Tỉnh Lào Cai', parentId: null, kind: 'province', group: 'tinh' });
    const empty = await createCampaign(db, { name: 'Trống', year: 2024, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [lone.id], previousCampaignId: null });
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${empty.id}/units/${lone.id}/report`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: { appraised: 0, max: 100 }, lost: [] });
    const csv = await t.app.inject({ method: 'GET', url: `/api/campaigns/${empty.id}/units/${lone.id}/report/appendix.csv`, headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    const outside = await t.app.inject({ method: 'GET', url: `/api/campaigns/${empty.id}/units/${unitId}/report`, headers: { cookie } });
    expect(outside.statusCode).toBe(404);
    const enumerator = await t.app.inject({ method: 'GET', url: `${base}/report/appendix.xlsx`, headers: { cookie: await t.cookieFor('enumerator') } });
    expect(enumerator.statusCode).toBe(403);
  });
});

describe('report formatting', () => {
  it('turns field names printed in capitals into sentences, keeping abbreviations', () => {
    expect(sentenceCase('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC')).toBe('Công tác chỉ đạo, điều hành CCHC');
    expect(sentenceCase('TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN, TỔ CHỨC VÀ PHÁT TRIỂN KT-XH CỦA TỈNH')).toBe('Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH của tỉnh');
    expect(sentenceCase('Thực hiện kế hoạch CCHC')).toBe('Thực hiện kế hoạch CCHC');
  });
  it('prints CSV numbers with 2–4 decimals as published', () => {
    expect([2, 1.5, 1.4981, 0.658, 84.40890000001, 0].map((x) => csvNumber(x, false))).toEqual(['2.00', '1.50', '1.4981', '0.658', '84.4089', '0.00']);
    expect(csvNumber(11.7808, true)).toBe('11,7808');
    expect(csvNumber(null, true)).toBe('');
  });
});
