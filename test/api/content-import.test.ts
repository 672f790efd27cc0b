import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';

/**
 * The Hà Giang table with its sub-criteria (x.y.z rows) broken in turn: a negative appraised score, NaN, 1e309, and
 * every fourth one left out (a missing code).
 */
function brokenTable(table: string): string {
  let n = 0;
  return table.split('\n').flatMap((line) => {
    const cells = line.split('\t');
    if (!/^\d+\.\d+\.\d+$/.test(cells[0] ?? '')) return [line];
    const broken: string | null = ['-0.25', 'NaN', '1e309', null][n++ % 4] ?? null;
    if (broken === null) return [];
    cells[4] = broken;
    return [cells.join('\t')];
  }).join('\n');
}

describeEachDb('importing a published appendix table', (kind) => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  const count = async () =>
    Number((await t.database.db.selectFrom('content_score').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ base } = await haGiangCampaign(t.database.db));
    cookie = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  it('previews the Hà Giang 2022 table: its real faults, the reconciliation, and nothing stored', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, fileName: 'ha-giang-2022.tsv' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const pairs = new Set(body.findings.map((f: { kind: string; code: string }) => `${f.kind} ${f.code}`));
    for (const expected of ['duplicate_code 5.1.2', 'sum_mismatch 1.3', 'sum_mismatch 5', 'max_mismatch 8', 'max_mismatch 8.4', 'rounding 8.1']) {
      expect(pairs).toContain(expected);
    }
    const dup = body.findings.find((f: { kind: string }) => f.kind === 'duplicate_code');
    expect(dup.row).toBeGreaterThan(1);
    expect(dup.message.vi).toMatch(/5\.1\.2/);
    expect(dup.message.en).toMatch(/5\.1\.2/);
    expect(body.candidates.map((c: { code: string }) => c.code).sort()).toEqual(['1.3', '5']);
    expect(body.chosen).toEqual(['1.3']);
    expect(body.statedTotal).toBeCloseTo(84.4089, 6);
    expect(body.totalWithChosen).toBeCloseTo(84.4089, 6);
    expect(body.totalFromLeaves).toBeCloseTo(84.3919, 6);
    // its faults are settled by the analyst's choices (kept parent scores) or read by name (the second 5.1.2 is 5.1.3)
    expect(body.blockingCount).toBe(0);
    expect(body.findings.every((f: { blocking: boolean }) => f.blocking === false)).toBe(true);
    expect(await count()).toBe(0);
  });

  it('commits in one transaction, audits every row, and the score tree totals 84.4089 (84,41)', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBeCloseTo(84.4089, 6);
    const tree = (await t.app.inject({ method: 'GET', url: `${base}/scores`, headers: { cookie } })).json();
    expect(tree.tree.total).toBeCloseTo(84.4089, 6);
    expect(tree.tree.max).toBe(100);
    expect(tree.band.code).toBe('B');
    const field1 = tree.tree.root.children.find((n: { code: string }) => n.code === '1');
    const c13 = field1.children.find((n: { code: string }) => n.code === '1.3');
    expect(c13).toMatchObject({ appraised: 2, override: true });
    expect(c13.computed).toBeCloseTo(1.98, 6);
    expect(tree.tree.parts.leadership_survey.score).toBeCloseTo(17.69, 2);
    expect(tree.tree.parts.sipas.score).toBeCloseTo(7.78, 6); // parts add up to the total
    const c81 = tree.tree.root.children.find((n: { code: string }) => n.code === '8').children.find((n: { code: string }) => n.code === '8.1');
    expect(c81.appraised).toBeCloseTo(7.78, 6); // published rounding of SIPAS 8.1 to 2 decimals (criteria-set data)
    const audits = await t.database.db.selectFrom('audit_log').select(['action', 'user_id']).execute();
    expect(audits.length).toBe(await count());
    expect(audits.every((a) => a.action === 'import' && a.user_id === t.users.analyst.id)).toBe(true);
    // the same table again changes nothing and audits nothing
    const again = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(again.json().changed).toBe(0);
  });

  it('a commit that fails half-way leaves the previous scores untouched', async () => {
    const before = await t.database.db.selectFrom('content_score').selectAll().orderBy('criterion_code').execute();
    // a fault injected in the database: writing criterion 8.5 fails, after earlier rows were already written
    await sql`create function fail_on_85() returns trigger language plpgsql as $$
      begin if new.criterion_code = '8.5' then raise exception 'injected fault'; end if; return new; end $$`.execute(t.database.db);
    await sql`create trigger fail_on_85 before insert or update on content_score for each row execute function fail_on_85()`.execute(t.database.db);
    try {
      const changed = HA_GIANG_TABLE.replace('1.1\tThực hiện Kế hoạch CCHC\t1.50\t1.50\t1.50', '1.1\tThực hiện Kế hoạch CCHC\t1.50\t1.50\t1.25')
        .replace('8.5\tMức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND tỉnh giao\t2.00\t1.4688\t1.4688', '8.5\tMức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND tỉnh giao\t2.00\t1.4688\t1.5');
      expect(changed).not.toBe(HA_GIANG_TABLE);
      const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: changed, keepStated: ['1.3'] } });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: 'internal', message: 'Internal error.', message_vi: 'Lỗi hệ thống.' });
      const after = await t.database.db.selectFrom('content_score').selectAll().orderBy('criterion_code').execute();
      expect(after).toEqual(before);
    } finally {
      await sql`drop trigger fail_on_85 on content_score`.execute(t.database.db);
      await sql`drop function fail_on_85()`.execute(t.database.db);
    }
  });

  it('refuses (422, nothing written) a commit of a table whose preview lists errors: negative, NaN, 1e309, missing codes', async () => {
    const snapshot = async () => ({
      scores: await t.database.db.selectFrom('content_score').selectAll().orderBy('criterion_code').execute(),
      audit: await t.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    expect(before.scores.length).toBeGreaterThan(100); // the Hà Giang import above
    const bad = brokenTable(HA_GIANG_TABLE);
    const preview = (await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text: bad } })).json();
    const kinds = new Set(preview.findings.filter((f: { blocking: boolean }) => f.blocking).map((f: { kind: string }) => f.kind));
    expect([...kinds].sort()).toEqual(['missing_code', 'negative_score', 'unparsable_number']);
    expect(preview.blockingCount).toBeGreaterThan(60);

    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: bad, keepStated: [] } });
    expect(res.statusCode, res.body).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(new RegExp(`^The table has ${preview.blockingCount} error\\(s\\) to correct`));
    expect(err.message_vi).toMatch(new RegExp(`^Bảng có ${preview.blockingCount} lỗi phải sửa trước khi lưu; chưa lưu gì\\.`));
    expect(err.details.blockingCount).toBe(preview.blockingCount);
    const key = (f: { kind: string; code: string; row: number | null; column?: string }) => `${f.kind} ${f.code} ${f.row} ${f.column}`;
    const refused = err.details.findings.filter((f: { blocking: boolean }) => f.blocking).map(key);
    expect(refused).toEqual(preview.findings.filter((f: { blocking: boolean }) => f.blocking).map(key));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a repeated code that cannot be read as a missing criterion, and an unknown code', async () => {
    const line11 = HA_GIANG_TABLE.split('\n').find((l) => l.startsWith('1.1\t'))!;
    const cases: [string, string][] = [
      [HA_GIANG_TABLE.replace(line11, `${line11}\n${line11}`), 'duplicate_code 1.1'],
      [HA_GIANG_TABLE.replace(line11, `${line11}\n1.9\tMột tiêu chí lạ\t0\t0\t0\t`), 'unknown_code 1.9'],
    ];
    for (const [text, expected] of cases) {
      const preview = (await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text } })).json();
      expect(preview.findings.filter((f: { blocking: boolean }) => f.blocking).map((f: { kind: string; code: string }) => `${f.kind} ${f.code}`)).toEqual([expected]);
      const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text, keepStated: ['1.3'] } });
      expect(res.statusCode, res.body).toBe(422);
    }
  });

  it('refuses a table without a recognisable header, naming the missing column, in both languages', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text: 'a\tb\tc\n1\t2\t3\n' } });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('table_format');
    expect(err.message_vi).toMatch(/STT|Điểm tối đa|cột/i);
    expect(err.message).toMatch(/column/i);
  });

  it('refuses keepStated codes that are not candidates', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated: ['2.1'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/keepStated: 2\.1/);
  });

  it('reads an XLSX workbook like the TSV: same findings on the same rows, numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục 2');
    for (const line of HA_GIANG_TABLE.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      // printed numbers become real numbers in the spreadsheet, as when a table is typed into Excel
      sheet.addRow(line.split('\t').map((cell, i) => (i >= 2 && i <= 4 && /^\d+([.,]\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell)));
    }
    const xlsxBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const fromXlsx = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { xlsxBase64, fileName: 'phu-luc.xlsx' } });
    const fromTsv = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text: HA_GIANG_TABLE } });
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    const key = (f: { kind: string; code: string; row: number | null; column?: string }) => `${f.kind} ${f.code} ${f.row} ${f.column ?? ''}`;
    expect(fromXlsx.json().findings.map(key).sort()).toEqual(fromTsv.json().findings.map(key).sort());
    expect(fromXlsx.json().totalWithChosen).toBeCloseTo(84.4089, 6);

    const both = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { xlsxBase64, text: 'x' } });
    expect(both.statusCode).toBe(400);
    const broken = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { xlsxBase64: Buffer.from('not a zip').toString('base64') } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message_vi).toMatch(/XLSX/);
  });

  it('accepts CSV with a BOM and decimal commas', async () => {
    const csv = '\uFEFFSTT,Nội dung,Điểm tối đa,Điểm tự đánh giá,Điểm thẩm định,Ghi chú\n1.1,Thực hiện Kế hoạch CCHC,"1,50","1,50","1,25",muộn\n';
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text: csv } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totalFromLeaves).toBeCloseTo(1.25, 6);
    expect(res.json().findings.some((f: { kind: string }) => f.kind === 'missing_code')).toBe(true);
  });
});
