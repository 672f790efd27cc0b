import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario } from '../support/fieldwork';
import { leadershipScenario } from '../support/leadership';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';
import { sheetXml, workbookOf, xlsxBomb } from '../support/xlsx-bomb';
import { XlsxReader } from '../../server/features/content-scores/xlsx-reader';
import { loadConfig } from '../../server/config';

const MB = 1024 * 1024;

async function haGiangXlsx(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục 2');
  for (const line of HA_GIANG_TABLE.replace(/^\uFEFF/, '').split(/\r?\n/)) sheet.addRow(line.split('\t'));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describeEachDb('import limits: XLSX bombs and huge CSV files', (kind) => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  const post = (url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') => t.app.inject({ method, url, headers: { cookie }, payload: payload as object });
  const scores = () => t.database.db.selectFrom('content_score').selectAll().orderBy('criterion_code').execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ base } = await haGiangCampaign(t.database.db));
    cookie = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  it('refuses a 100 MB bomb by its zip directory, before inflating anything, while other requests answer', async () => {
    const bomb = xlsxBomb(100 * MB);
    expect(bomb.length).toBeLessThan(400_000);
    const [res, ...others] = await Promise.all([
      post(`${base}/imports/preview`, { xlsxBase64: bomb.toString('base64') }),
      ...Array.from({ length: 3 }, () => t.app.inject({ method: 'GET', url: `${base}/scores`, headers: { cookie } })),
    ]);
    expect(res.statusCode, res.body).toBe(413);
    const err = res.json().error;
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/inflates to 100 MB, above the 20 MB limit/);
    expect(err.message_vi).toMatch(/giải nén là 100 MB, vượt giới hạn 20 MB/);
    expect(err.details.declaredInflatedBytes).toBeGreaterThan(100 * MB - 1);
    expect(others.map((o) => o.statusCode)).toEqual([200, 200, 200]);
    expect(await scores()).toEqual([]);
  });

  it('stops inflating a bomb whose zip directory lies about its size (preview and commit), then reads a good file', async () => {
    const liar = xlsxBomb(30 * MB, true).toString('base64');
    for (const path of ['preview', 'commit']) {
      const res = await post(`${base}/imports/${path}`, { xlsxBase64: liar });
      expect(res.statusCode, res.body).toBe(413);
      const err = res.json().error;
      expect(err.message).toMatch(/inflates to more than 20 MB/);
      expect(err.message_vi).toMatch(/giải nén vượt 20 MB/);
      expect(err.details).toEqual({ maxInflatedBytes: 20 * MB }); // counted while inflating, not read from the directory
    }
    expect(await scores()).toEqual([]);
    const good = await post(`${base}/imports/preview`, { xlsxBase64: await haGiangXlsx() });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().totalWithChosen).toBeCloseTo(84.4089, 6);
  });

  it('refuses a worksheet of more rows than the limit, a cell beyond column 100, and a truncated file', async () => {
    const rows = await post(`${base}/imports/preview`, { xlsxBase64: workbookOf(sheetXml(Array.from({ length: 2001 }, (_, i) => [String(i)]))).toString('base64') });
    expect(rows.statusCode, rows.body).toBe(413);
    expect(rows.json().error.message).toMatch(/more than 2000 rows/);
    expect(rows.json().error.message_vi).toMatch(/hơn 2000 dòng/);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').getCell(1, 150).value = 'far';
    const wide = await post(`${base}/imports/preview`, { xlsxBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') });
    expect(wide.statusCode, wide.body).toBe(413);
    expect(wide.json().error.message).toMatch(/row 1 has a cell in column 150/);

    const good = Buffer.from(await haGiangXlsx(), 'base64');
    for (const cut of [good.subarray(0, good.length - 30), good.subarray(0, good.length / 2), good.subarray(100)]) {
      const res = await post(`${base}/imports/preview`, { xlsxBase64: cut.toString('base64') });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message_vi).toMatch(/Không đọc được tệp XLSX/);
    }
  });

  it('caps CSV row errors at 200 with the total count, on preview and commit, and refuses files above the row limit', async () => {
    const fw = await fieldworkScenario(t);
    const lead = await leadershipScenario(t, 4);
    const bad = (header: string, row: string, n: number) => `${header}\n${Array.from({ length: n }, () => row).join('\n')}\n`;
    const imports = [
      { preview: `/api/campaigns/${fw.campaignId}/fieldwork/enumerators/preview`, commit: `/api/campaigns/${fw.campaignId}/fieldwork/enumerators/commit`, header: 'username,name,units', row: 'x!,,NOPE', max: 2000 },
      { preview: `${lead.base}/respondents/preview`, commit: `${lead.base}/respondents/commit`, header: 'name,email,group,unit', row: ',not-an-email,zz,', max: 20_000 },
      { preview: `/api/campaigns/${fw.campaignId}/population/preview`, commit: `/api/campaigns/${fw.campaignId}/population/commit`, header: 'unit,level,population', row: 'NOPE,xx,-1', max: 20_000 },
      { preview: null, commit: `/api/campaigns/${fw.campaignId}/results/margins`, header: 'variable,category,population', row: 'income,x,-1', max: 1000 },
    ];
    for (const imp of imports) {
      const method = imp.preview ? 'POST' : 'PUT';
      const text = bad(imp.header, imp.row, 300);
      if (imp.preview) {
        const preview = (await post(imp.preview, { text })).json();
        expect(preview.errors).toHaveLength(200);
        expect(preview.errorCount).toBeGreaterThanOrEqual(600); // two or three errors on each of the 300 rows
        expect(preview.errors[0].row).toBe(2);
      }
      const commit = await post(imp.commit, { text }, method);
      expect(commit.statusCode, imp.commit).toBe(400);
      const details = commit.json().error.details;
      expect(details.errors).toHaveLength(200);
      expect(details.errorCount).toBeGreaterThanOrEqual(300);
      expect(commit.json().error.message).toMatch(new RegExp(`^The file has ${details.errorCount} error\\(s\\); nothing was stored\\.`));

      const huge = `${imp.header}\n${'a,b,c\n'.repeat(imp.max + 1)}`;
      for (const url of [imp.preview, imp.commit].filter((u): u is string => u !== null)) {
        const res = await post(url, { text: huge }, url === imp.commit ? method : 'POST');
        expect(res.statusCode, url).toBe(413);
        expect(res.json().error.code).toBe('too_large');
        expect(res.json().error.message).toContain(`more than ${imp.max.toLocaleString('en-US')} data rows`);
        expect(res.json().error.message_vi).toContain(`hơn ${imp.max.toLocaleString('vi-VN')} dòng dữ liệu`);
      }
    }
  });
});

describe('the XLSX worker: a time limit and a heap limit', () => {
  const limits = loadConfig({}).xlsx;
  const table = workbookOf(sheetXml(Array.from({ length: 2000 }, (_, r) => Array.from({ length: 26 }, (_, c) => `ô ${r}:${c}`))));

  it('terminates a reading that takes longer than the limit, and the next file is read by a fresh worker', async () => {
    const reader = new XlsxReader({ ...limits, timeLimitMs: 1 });
    try {
      const err = await reader.toTsv(table).catch((e: unknown) => e);
      expect(err).toMatchObject({ statusCode: 413, code: 'too_large', details: { timeLimitMs: 1 } });
      expect((err as { messages: { vi: string } }).messages.vi).toMatch(/đọc tệp mất hơn 0[.,]001 giây/);
    } finally {
      await reader.close();
    }
    const normal = new XlsxReader(limits);
    try {
      const tsv = await normal.toTsv(table);
      expect(tsv.split('\n')).toHaveLength(2000);
      expect(tsv.split('\n')[1]?.split('\t')[25]).toBe('ô 1:25');
    } finally {
      await normal.close();
    }
  });

  it('refuses a file whose reading needs more heap than the worker has (413, the server lives on)', async () => {
    // Cells of ~120 characters: the shared strings alone take ~12 MB of heap as UTF-16, the TSV as much again, so the
    // reading cannot fit in 32 MB whatever the collector manages (the 2,000 × 26 short cells above sometimes did).
    const wide = workbookOf(sheetXml(Array.from({ length: 2000 }, (_, r) => Array.from({ length: 26 }, (_, c) => `ô ${r}:${c} ${'nội dung '.repeat(12)}`))));
    const reader = new XlsxReader({ ...limits, workerMemoryMb: 32, timeLimitMs: 120_000 });
    try {
      const err = await reader.toTsv(wide).catch((e: unknown) => e);
      expect(err).toMatchObject({ statusCode: 413, code: 'too_large', details: { workerMemoryMb: 32 } });
    } finally {
      await reader.close();
    }
  });
});
