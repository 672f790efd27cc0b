import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';

describeBrowser('the yearly report page of Hà Giang 2022: summary, chart, downloads, print to PDF', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let ids: { campaignId: string; unitId: string };

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const { unit, campaign, base } = await haGiangCampaign(t.database.db);
    ids = { campaignId: campaign.id, unitId: unit.id };
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie: await t.cookieFor('analyst') }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(res.statusCode, res.body).toBe(200);
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the report from the score tree, shows 84,41, downloads the XLSX and CSV, and prints the page to PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-supervisor');

    // from the unit's score tree to its report
    await page.goto(`${origin}/campaigns/${ids.campaignId}/units/${ids.unitId}/scores`);
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.waitForURL(`**/campaigns/${ids.campaignId}/units/${ids.unitId}/report`);
    const total = page.getByTestId('report-total');
    await total.waitFor();
    await expect.poll(() => total.textContent()).toMatch(/84,41/);
    await expect(page.getByTestId('report-overall').textContent()).resolves.toBe('Năm 2022, Chỉ số CCHC của tỉnh Hà Giang đạt 84,41% (84,41/100,00 điểm), xếp loại: Loại B.');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('5. Cải cách chế độ công vụ: đạt 11,78/15,00 điểm (78,54%).');
    // the points lost: 1.5 with its note and its agency, 8.4 too
    const lost = page.getByTestId('report-lost');
    await expect(lost.getByRole('row').filter({ hasText: 'Sáng kiến hoặc giải pháp mới' }).textContent()).resolves.toMatch(/1,50 \/ 2,00.*0,50.*Ghi nhận 02 sáng kiến.*Sở Nội vụ/);
    await expect(lost.getByRole('row').filter({ hasText: 'Thực hiện thu ngân sách' }).textContent()).resolves.toMatch(/Thuộc nhóm 13 địa phương thấp nhất cả nước.*Sở Kế hoạch và Đầu tư/);
    // the bar chart of % by field has its eight bars
    await expect.poll(() => page.getByTestId('report-chart').locator('.recharts-bar-rectangle').count()).toBe(8);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/report.png', fullPage: true });

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Phụ lục (Excel .xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('PAR-INDEX_HG_2022_phu-luc.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    let total5: unknown;
    wb.getWorksheet('Phụ lục 02')!.eachRow((row) => row.getCell(1).value === '5' && (total5 = row.getCell(5).value));
    expect(total5).toBeCloseTo(11.7808, 6);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Phụ lục (CSV)', exact: true }).click()]);
    expect(csv.suggestedFilename()).toBe('PAR-INDEX_HG_2022_phu-luc.csv');
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('CẢI CÁCH CHẾ ĐỘ CÔNG VỤ');
    // the variant with ';' and decimal commas is saved under a name of its own (issue 12, point 10)
    const [csvComma] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Phụ lục (CSV, dấu ;)' }).click()]);
    expect(csvComma.suggestedFilename()).toBe('PAR-INDEX_HG_2022_phu-luc_dau-phay.csv');
    expect(readFileSync((await csvComma.path())!).toString('utf8')).toMatch(/\r\n5;CẢI CÁCH CHẾ ĐỘ CÔNG VỤ;15,00;/);

    // the printable page, printed to PDF by Chromium with a font that has Vietnamese letters
    const print = await context.newPage();
    await print.goto(`${origin}/api/campaigns/${ids.campaignId}/units/${ids.unitId}/report/print.html`);
    await expect(print.locator('[data-summary="overall"]').textContent()).resolves.toMatch(/đạt 84,41%/);
    const pdf = await print.pdf({ preferCSSPageSize: true, path: 'test-results/report.pdf' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    const fonts = [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]))];
    // Times New Roman's stand-ins on Linux (Liberation Serif), or the stack's DejaVu / Noto: all have Vietnamese letters
    expect(fonts.length, 'embedded fonts').toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^(LiberationSerif|DejaVuSerif|NotoSerif|TimesNewRoman)/);
    await context.close();
  });

  it('a refused download shows the server\'s reason on the page and saves nothing (the unit left the campaign meanwhile)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-supervisor');
    await page.goto(`${origin}/campaigns/${ids.campaignId}/units/${ids.unitId}/report`);
    await page.getByTestId('report-total').waitFor();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await t.database.db.deleteFrom('campaign_unit').where('campaign_id', '=', ids.campaignId).where('unit_id', '=', ids.unitId).execute();

    await page.getByRole('button', { name: 'Phụ lục (Excel .xlsx)' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Chưa tải được Phụ lục (Excel .xlsx)' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/không thuộc đợt đánh giá/);
    await page.getByRole('button', { name: 'Báo cáo (HTML)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa tải được Báo cáo (HTML)' }).waitFor();
    expect(downloads).toEqual([]);
    await context.close();
  });
});
