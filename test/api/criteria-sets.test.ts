import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { loadScoreContext } from '../../server/features/content-scores/context';
import { xlsxBomb } from '../support/xlsx-bomb';

const DEPARTMENT_CSV = readFileSync(new URL('../../seeds/criteria/internal-department-2025.criteria.csv', import.meta.url), 'utf8');
const HEADER = 'code,parent,level,name,max_points,source,rule,evidence_required,evidence_expected,evidence_guidance';
const SMALL = [
  HEADER,
  '1,,0,Chỉ đạo điều hành,3,,,,,',
  '1.1,1,1,Kế hoạch CCHC,1,content,,có,"Kế hoạch CCHC năm 2025\nQuyết định ban hành kế hoạch",Bản có chữ ký số',
  '1.2,1,1,Báo cáo CCHC quý,2,content,ratio,có,Báo cáo CCHC quý I; Báo cáo CCHC quý II,Tử số = số báo cáo đúng hạn',
];

type Problem = { kind: string; row: number | null; column: string | null; message: { vi: string; en: string } };
type Json = Record<string, unknown>;

describeEachDb('criteria sets managed as data (issue 11)', (kind) => {
  let t: TestApp;
  let analyst: string;
  let supervisor: string;
  let campaignId: string;
  let departmentId: string;
  let communeId: string;
  const setCount = async () =>
    Number((await t.database.db.selectFrom('criteria_set').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const criterionCount = async () =>
    Number((await t.database.db.selectFrom('criterion').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const post = (url: string, payload: Json, cookie = analyst) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const put = (url: string, payload: Json, cookie = analyst) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
  const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const meta = (family: string) => ({ family, name: `Bộ ${family}`, year: 2025, unitKind: 'department' });

  beforeAll(async () => {
    t = await startTestApp(kind);
    analyst = await t.cookieFor('analyst');
    supervisor = await t.cookieFor('supervisor');
    const db = t.database.db;
    const province = await createUnit(db, { code: 'T', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    const department = await createUnit(db, { code: 'SNV', name: 'Sở Nội vụ', parentId: province.id, kind: 'department', group: 'so' });
    const district = await createUnit(db, { code: 'H1', name: 'Huyện Thanh Sơn', parentId: province.id, kind: 'district', group: 'huyen' });
    const commune = await createUnit(db, { code: 'XA1', name: 'Xã Thanh Sơn', parentId: district.id, kind: 'commune', group: 'xa' });
    const campaign = await createCampaign(db, {
      name: 'Chỉ số CCHC 2025', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: [department.id, commune.id], previousCampaignId: null,
    });
    [campaignId, departmentId, communeId] = [campaign.id, department.id, commune.id];
  });
  afterAll(() => t?.close());

  it('seeds the demo internal sets with their family, unit kind and evidence on every leaf', async () => {
    const list = (await get('/api/criteria-sets')).json().criteriaSets as Json[];
    const dept = list.find((s) => s.code === 'internal-department-2025');
    expect(dept).toMatchObject({ family: 'internal-department', version: 1, unitKind: 'department', maxPoints: 100, leafCount: 49, usedBy: [] });
    const set = (await get('/api/criteria-sets/internal-commune-2025')).json().criteriaSet;
    const leaves = (set.criteria as { source: string | null; evidence: { expected: string[] } | null }[]).filter((c) => c.source !== null);
    expect(leaves.length).toBe(44);
    expect(leaves.every((l) => l.evidence && l.evidence.expected.length > 0)).toBe(true);
  });

  it('previews a good file (tree, totals, no problems) and stores nothing; the commit stores it, browsable with evidence', async () => {
    const [sets, criteria] = [await setCount(), await criterionCount()];
    const preview = await post('/api/criteria-sets/import/preview', { ...meta('so-thu'), text: DEPARTMENT_CSV, fileName: 'so.csv' });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.problems).toEqual([]);
    expect(p.target).toEqual({ code: 'so-thu', family: 'so-thu', version: 1, replaces: null });
    expect(p.totals).toMatchObject({ maxPoints: 100, leafCount: 49 });
    expect(p.criteria.find((c: Json) => c.code === '1.2')).toMatchObject({ row: 6, rule: { kind: 'ratio' }, evidence: { required: true } });
    expect([await setCount(), await criterionCount()]).toEqual([sets, criteria]);

    const commit = await post('/api/criteria-sets/import', { ...meta('so-thu'), text: DEPARTMENT_CSV });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().target.code).toBe('so-thu');
    const stored = (await get('/api/criteria-sets/so-thu', supervisor)).json().criteriaSet;
    expect(stored).toMatchObject({ family: 'so-thu', version: 1, unitKind: 'department', usedBy: [] });
    const leaf = stored.criteria.find((c: Json) => c.code === '3.3.1');
    expect(leaf).toMatchObject({ rule: { kind: 'threshold', threshold: 0.9 }, evidence: { required: true } });
    expect(leaf.evidence.expected[0]).toMatch(/Hệ thống thông tin giải quyết TTHC/);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'user_id']).where('entity', '=', 'criteria_set').where('entity_key', '=', 'so-thu').execute();
    expect(audit).toEqual([{ action: 'import', user_id: t.users.analyst.id }]);
    // a supervisor reads sets but cannot import
    expect((await post('/api/criteria-sets/import', { ...meta('so-thu'), text: DEPARTMENT_CSV }, supervisor)).statusCode).toBe(403);
  });

  const bad: { name: string; lines: string[]; kind: string; row: number | null; column: string | null }[] = [
    { name: 'duplicate code', lines: [...SMALL, '1.2,1,1,Trùng,1,content,,,,'], kind: 'duplicate_code', row: 5, column: 'code' },
    { name: 'malformed code', lines: [...SMALL, '1/3,1,1,Sai mã,1,content,,,,'], kind: 'bad_code', row: 5, column: 'code' },
    { name: 'unknown parent', lines: [...SMALL, '9.1,9,1,Không có cha,1,content,,,,'], kind: 'missing_parent', row: 5, column: 'parent' },
    { name: 'level inconsistent', lines: [SMALL[0]!, SMALL[1]!, SMALL[2]!, '1.2,1,2,Báo cáo,2,content,,,,'], kind: 'level_mismatch', row: 4, column: 'level' },
    { name: 'maxima not adding up', lines: [HEADER, '1,,0,A,5,,,,,', '1.1,1,1,B,1,content,,,,', '1.2,1,1,C,2,content,,,,'], kind: 'sum_mismatch', row: 2, column: 'max_points' },
    { name: 'bad rule parameter', lines: [HEADER, '1,,0,A,1,,,,,', '1.1,1,1,B,1,content,base_plus_ratio:3,,,'], kind: 'bad_rule', row: 3, column: 'rule' },
    { name: 'bad source', lines: [HEADER, '1,,0,A,1,,,,,', '1.1,1,1,B,1,khảo sát,,,,'], kind: 'bad_source', row: 3, column: 'source' },
    { name: 'unclear evidence flag', lines: [HEADER, '1,,0,A,1,,,,,', '1.1,1,1,B,1,content,,có lẽ,,'], kind: 'bad_flag', row: 3, column: 'evidence_required' },
    { name: 'missing column', lines: ['code,parent,name', '1,,A'], kind: 'missing_column', row: 1, column: 'max_points' },
  ];
  it.each(bad)('refuses $name with 422, row $row and column $column in vi and en; nothing stored', async ({ lines, kind: problemKind, row, column }) => {
    const [sets, criteria] = [await setCount(), await criterionCount()];
    const preview = await post('/api/criteria-sets/import/preview', { ...meta('bad'), text: lines.join('\n') });
    expect(preview.statusCode, preview.body).toBe(200);
    expect((preview.json().problems as Problem[]).map((p) => p.kind)).toContain(problemKind);
    const res = await post('/api/criteria-sets/import', { ...meta('bad'), text: lines.join('\n') });
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error;
    const problem = (error.details.problems as Problem[]).find((p) => p.kind === problemKind)!;
    expect(problem).toMatchObject({ row, column });
    expect(problem.message.vi).toContain(`Dòng ${row}`);
    expect(problem.message.en).toContain(`Row ${row}`);
    expect(error.message_vi).toMatch(/chưa lưu gì/);
    expect([await setCount(), await criterionCount()]).toEqual([sets, criteria]);
  });

  it('imports an XLSX file (Vietnamese headers) through the safe reader, with row numbers of the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tiêu chí');
    sheet.addRow(['Mã', 'Mã cha', 'Tên tiêu chí', 'Điểm tối đa', 'Cách tính điểm', 'Bắt buộc kiểm chứng', 'Tài liệu kiểm chứng', 'Hướng dẫn']);
    sheet.addRow(['1', '', 'Chỉ đạo điều hành', 3]);
    // several expected documents in one cell, one per line (Alt+Enter in Excel)
    sheet.addRow(['1.1', '1', 'Kế hoạch CCHC', 1, '', 'có', 'Kế hoạch CCHC năm 2025\nQuyết định ban hành', 'Bản có chữ ký số']);
    sheet.addRow(['1.2', '1', 'Báo cáo quý', 2, 'ratio', 'x', 'Báo cáo CCHC quý', '']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const res = await post('/api/criteria-sets/import', { ...meta('so-xlsx'), xlsxBase64: good, fileName: 'bo.xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    const stored = (await get('/api/criteria-sets/so-xlsx')).json().criteriaSet;
    expect(stored.criteria.map((c: Json) => [c.code, c.level, c.maxPoints, c.source])).toEqual([['1', 0, 3, null], ['1.1', 1, 1, 'content'], ['1.2', 1, 2, 'content']]);
    expect(stored.criteria[1].evidence).toEqual({ required: true, expected: ['Kế hoạch CCHC năm 2025', 'Quyết định ban hành'], guidance: 'Bản có chữ ký số' });

    sheet.getRow(4).getCell(4).value = 'hai';
    const broken = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const refused = await post('/api/criteria-sets/import', { ...meta('so-xlsx-2'), xlsxBase64: broken });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.problems.find((p: Problem) => p.kind === 'bad_max')).toMatchObject({ row: 4, column: 'max_points' });
    // not a spreadsheet at all
    const junk = await post('/api/criteria-sets/import/preview', { ...meta('so-xlsx-2'), xlsxBase64: Buffer.from('MZ not a zip').toString('base64') });
    expect(junk.statusCode).toBe(400);
  });

  const hostile: { name: string; body: Json; status: number }[] = [
    { name: 'binary garbage', body: { text: '\u0000\u0001\uFFFD\u0007'.repeat(500) }, status: 422 },
    { name: 'more than 2,000 rows', body: { text: [HEADER, '1,,0,A,2001,,,,,', ...Array.from({ length: 2001 }, (_, i) => `1.${i + 1},1,1,L${i},1,content,,,,`)].join('\n') }, status: 422 },
    { name: 'a cycle of parents', body: { text: [HEADER, '1,1.1,1,A,1,,,,,', '1.1,1,1,B,1,content,,,,'].join('\n') }, status: 422 },
    { name: 'a 100,000-character name and JSON rule with extra keys', body: { text: [HEADER, `1,,0,${'A'.repeat(100_000)},1,content,"{""kind"":""ratio"",""x"":{""y"":1}}",,,`].join('\n') }, status: 422 },
    { name: 'NaN and 1e309 maxima', body: { text: [HEADER, '1,,0,A,NaN,content,,,,', '2,,0,B,1e309,content,,,,'].join('\n') }, status: 422 },
    { name: 'a family with capitals and dots', body: { text: SMALL.join('\n'), family: 'Bo.Tieu' }, status: 400 },
    { name: 'both text and XLSX', body: { text: SMALL.join('\n'), xlsxBase64: 'UEs=' }, status: 400 },
    { name: 'an XLSX bomb', body: { xlsxBase64: xlsxBomb(200 * 1024 * 1024).toString('base64') }, status: 413 },
  ];
  it.each(hostile)('answers hostile input ($name) with $status and stores nothing', async ({ body, status }) => {
    const [sets, criteria] = [await setCount(), await criterionCount()];
    const res = await post('/api/criteria-sets/import', { ...meta('hostile'), ...body });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
    expect(res.json().error.message_vi.length).toBeGreaterThan(10);
    expect([await setCount(), await criterionCount()]).toEqual([sets, criteria]);
  });

  it('importing into an existing family makes version 2 with a new code; compare lists what changed', async () => {
    const changed = DEPARTMENT_CSV
      .replace(/^1\.2,1,1,(.*?),1\.5,content,ratio,/m, '1.2,1,1,$1,1.5,content,threshold:80%,')
      .replace(/^1\.6,.*\n/m, '')
      .replace(/^1,,0,(.*?),12,/m, '1,,0,$1,10,')
      .replace(/^1\.5,1,1,(.*?),2,/m, '1.5,1,1,$1,1.5,')
      .concat('1.7,1,1,Cải cách hành chính gắn với chuyển đổi số,0.5,content,,có,Báo cáo chuyên đề,Nộp bản có chữ ký số\n');
    const res = await post('/api/criteria-sets/import', { ...meta('so-thu'), name: 'Bộ sở thử (sửa)', text: changed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().target).toEqual({ code: 'so-thu-v2', family: 'so-thu', version: 2, replaces: null });
    const cmp = (await get('/api/criteria-sets/compare?from=so-thu&to=so-thu-v2', supervisor)).json();
    expect(cmp.added.map((c: Json) => c.code)).toEqual(['1.7']);
    expect(cmp.removed.map((c: Json) => c.code)).toEqual(['1.6']);
    const byCode = Object.fromEntries(cmp.changed.map((c: { code: string; differences: Json[] }) => [c.code, c.differences]));
    expect(byCode['1.2']).toEqual([{ field: 'rule', from: 'ratio', to: 'threshold:0.8' }]);
    expect(byCode['1']).toEqual([{ field: 'maxPoints', from: 12, to: 10 }]);
    expect(byCode['1.5']).toEqual([{ field: 'maxPoints', from: 2, to: 1.5 }]);
    expect(cmp.maxFrom).toBe(100);
    expect(cmp.maxTo).toBe(98);
    expect((await get('/api/criteria-sets/compare?from=so-thu&to=nope')).statusCode).toBe(404);
  });

  it('assigns a set per unit kind: the commune is scored with the commune set, the department with the department set', async () => {
    const url = `/api/campaigns/${campaignId}/criteria-sets`;
    expect((await get(url)).json()).toMatchObject({ campaignSet: 'par-province-2023', byKind: {}, unitsByKind: { department: 1, commune: 1 }, locked: null });
    // the set must exist and be meant for that kind
    const missing = await put(url, { byKind: { commune: 'no-such-set' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message_vi).toMatch(/byKind\.commune/);
    const wrongKind = await put(url, { byKind: { commune: 'internal-department-2025' } });
    expect(wrongKind.statusCode).toBe(422);
    expect((await put(url, { byKind: { commune: 'internal-commune-2025' } }, supervisor)).statusCode).toBe(403);

    const res = await put(url, { byKind: { department: 'so-thu', commune: 'internal-commune-2025' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().byKind).toEqual({ department: 'so-thu', commune: 'internal-commune-2025' });
    expect((await loadScoreContext(t.database.db, campaignId, communeId)).set.code).toBe('internal-commune-2025');
    expect((await loadScoreContext(t.database.db, campaignId, departmentId)).set.code).toBe('so-thu');
    const tree = (await get(`/api/campaigns/${campaignId}/units/${communeId}/scores`)).json().tree;
    expect(tree.max).toBe(100);
    expect(tree.root.children.map((n: Json) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(tree.root.children[6].name).toBe('CHÍNH QUYỀN SỐ CẤP XÃ');
  });

  it('a set a campaign uses is immutable (409 vi/en); an unused one can be replaced or deleted', async () => {
    const [sets, criteria] = [await setCount(), await criterionCount()];
    const del = await t.app.inject({ method: 'DELETE', url: '/api/criteria-sets/so-thu', headers: { cookie: analyst } });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message_vi).toMatch(/đang được dùng trong đợt đánh giá "Chỉ số CCHC 2025"/);
    expect(del.json().error.message).toMatch(/is used by campaign "Chỉ số CCHC 2025"/);
    const replace = await post('/api/criteria-sets/import', { ...meta('so-thu'), replace: 'so-thu', text: SMALL.join('\n') });
    expect(replace.statusCode).toBe(409);
    expect((await get('/api/criteria-sets/so-thu')).json().criteriaSet.usedBy).toEqual([{ id: campaignId, name: 'Chỉ số CCHC 2025', year: 2025 }]);
    expect([await setCount(), await criterionCount()]).toEqual([sets, criteria]);

    // the unused XLSX set is replaced in place (same code and version), then deleted
    const replaced = await post('/api/criteria-sets/import', { ...meta('so-xlsx'), replace: 'so-xlsx', name: 'Bộ XLSX (thay)', text: SMALL.join('\n') });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().target).toEqual({ code: 'so-xlsx', family: 'so-xlsx', version: 1, replaces: 'so-xlsx' });
    const after = (await get('/api/criteria-sets/so-xlsx')).json().criteriaSet;
    expect(after.name).toBe('Bộ XLSX (thay)');
    expect(after.criteria[2].rule).toEqual({ kind: 'ratio' });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/criteria-sets/so-xlsx', headers: { cookie: analyst } })).statusCode).toBe(200);
    expect((await get('/api/criteria-sets/so-xlsx')).statusCode).toBe(404);
  });

  it('marks a criterion not applicable to a unit with a reason: the maximum drops, the change is audited', async () => {
    const url = `/api/campaigns/${campaignId}/units/${departmentId}/not-applicable`;
    const noReason = await put(url, { criterionCode: '6.1', notApplicable: true, reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message_vi).toMatch(/lý do/);
    const inner = await put(url, { criterionCode: '6', notApplicable: true, reason: 'x' });
    expect(inner.statusCode).toBe(400);

    const res = await put(url, { criterionCode: '6.1', notApplicable: true, reason: 'Sở không được giao vốn đầu tư công năm 2025' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ criterionCode: '6.1', notApplicable: true, max: 97 });
    const row = await t.database.db.selectFrom('content_score').select(['not_applicable', 'not_applicable_reason'])
      .where('campaign_id', '=', campaignId).where('unit_id', '=', departmentId).where('criterion_code', '=', '6.1').executeTakeFirstOrThrow();
    expect(row).toEqual({ not_applicable: true, not_applicable_reason: 'Sở không được giao vốn đầu tư công năm 2025' });
    const history = (await get(`/api/campaigns/${campaignId}/units/${departmentId}/scores/6.1/history`)).json().entries as Json[];
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['notApplicable', 'notApplicableReason']));

    const back = await put(url, { criterionCode: '6.1', notApplicable: false });
    expect(back.json()).toMatchObject({ notApplicable: false, reason: null, max: 100 });
  });

  it('refuses per-kind changes once self-assessment has started, saying which phase opened', async () => {
    await t.database.db.insertInto('assessment_phase').values({ campaign_id: campaignId, phase: 'self_assessment', opens_at: new Date(Date.now() - 86_400_000), closes_at: null }).execute();
    const url = `/api/campaigns/${campaignId}/criteria-sets`;
    expect((await get(url)).json().locked.vi).toMatch(/self_assessment/);
    const res = await put(url, { byKind: { department: 'internal-department-2025', commune: 'internal-commune-2025' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/Phase self_assessment opened/);
    // the same assignment again changes nothing and is answered
    expect((await put(url, { byKind: { department: 'so-thu', commune: 'internal-commune-2025' } })).statusCode).toBe(200);
  });
});
