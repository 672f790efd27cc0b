import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, logInAs, serveApp } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { provinceCampaigns } from '../support/province-scenario';

// Issue 12 point 11: from the ranking page, the ranking table of all units (XLSX) and the province-wide report (PDF)
const vi2 = (x: number) => x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describeBrowser('province-wide outputs from the ranking page: the ranking XLSX and the province-wide report as PDF', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;
  let unitIds: string[];

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    ({ campaignId, unitIds } = await provinceCampaigns(t.database.db));
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('downloads the ranking XLSX (a row per unit, the page\'s totals) and prints the province-wide report to PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-supervisor');
    await page.goto(`${origin}/campaigns/${campaignId}/ranking`);

    // what the ranking page shows, per group: unit → [rank, score, max, index]
    const shown = new Map<string, Map<string, string[]>>();
    for (const [group, heading] of [['so-nganh', 'Sở, ban, ngành'], ['huyen', 'Huyện, thị xã, thành phố']] as const) {
      const section = page.locator(`section[aria-labelledby="group-${group}"]`);
      await expect.poll(() => section.getByRole('heading', { level: 2 }).textContent()).toBe(heading);
      const rows = section.locator('tbody tr');
      await rows.first().waitFor();
      const units = new Map<string, string[]>();
      for (const row of await rows.all()) {
        const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
        units.set(cells[1]!, [cells[0]!, cells[2]!, cells[3]!, cells[4]!]);
      }
      shown.set(heading, units);
    }
    expect(shown.get('Sở, ban, ngành')!.size).toBe(4);
    expect(shown.get('Huyện, thị xã, thành phố')!.size).toBe(2);
    expect(shown.get('Sở, ban, ngành')!.get('Sở A')).toEqual(['1', '95,00', '100,00', '95,00%']);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/ranking-downloads.png', fullPage: true });

    // the ranking table as XLSX: a sheet per group, a row per unit, the same figures as the page
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bảng xếp hạng (Excel .xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('PAR-INDEX_2023_bang-xep-hang.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name).sort()).toEqual([...shown.keys()].sort());
    for (const sheet of wb.worksheets) {
      const header = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
      const col = (name: string) => header.indexOf(name) + 1;
      const units = shown.get(sheet.name)!;
      const seen: string[] = [];
      sheet.eachRow((row, i) => {
        if (i <= 2 || typeof row.getCell(1).value !== 'number') return;
        const name = String(row.getCell(col('Đơn vị')).value);
        seen.push(name);
        const index = row.getCell(col('Chỉ số (%)'));
        expect(index.numFmt).toBe('0.00%');
        expect([String(row.getCell(1).value), vi2(Number(row.getCell(col('Tổng điểm')).value)), vi2(Number(row.getCell(col('Điểm tối đa')).value)), `${vi2(Number(index.value) * 100)}%`], name).toEqual(units.get(name));
      });
      expect(seen.sort()).toEqual([...units.keys()].sort());
    }

    // the province-wide report: opened from the page, printed to PDF by Chromium as the unit report is
    const [report] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Mở báo cáo toàn tỉnh' }).click()]);
    await report.waitForLoadState();
    expect(report.url()).toBe(`${origin}/api/campaigns/${campaignId}/report/print.html`);
    await expect(report.locator('[data-summary="overall"]').textContent()).resolves.toMatch(/^Năm 2023, 6 đơn vị được đánh giá/);
    await expect(report.locator('[data-group-summary="so-nganh"]').textContent()).resolves.toMatch(/cao nhất là Sở A \(95,00%\), thấp nhất là Sở D \(70,00%\)/);
    await expect(report.locator('h3[data-field="3"]').first().textContent()).resolves.toMatch(/^3\. Cải cách thủ tục hành chính: bình quân/);
    // the appendix tables print the page's figures, one row per unit
    for (const [group, heading] of [['so-nganh', 'Sở, ban, ngành'], ['huyen', 'Huyện, thị xã, thành phố']] as const) {
      const table = report.locator(`[data-appendix="${group}"] table`);
      const header = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
      const rows = table.locator('tbody tr[data-unit]');
      expect(await rows.count()).toBe(shown.get(heading)!.size);
      for (const row of await rows.all()) {
        const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
        const name = cells[header.indexOf('Đơn vị')]!;
        expect([cells[0], cells[header.indexOf('Tổng điểm')], cells[header.indexOf('Điểm tối đa')], cells[header.indexOf('Chỉ số (%)')]], name).toEqual(shown.get(heading)!.get(name));
      }
    }
    const pdf = await report.pdf({ preferCSSPageSize: true, path: 'test-results/province-report.pdf' });
    const raw = pdf.toString('latin1');
    expect(raw.slice(0, 5)).toBe('%PDF-');
    // A4 portrait pages for the text, then the appendix of each group on A4 landscape pages
    const boxes = [...raw.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
    expect(boxes.filter((b) => b === 'portrait').length).toBeGreaterThanOrEqual(2);
    expect(boxes.filter((b) => b === 'landscape').length).toBeGreaterThanOrEqual(2);
    expect(boxes.indexOf('landscape')).toBeGreaterThan(boxes.lastIndexOf('portrait'));
    // the document's title, as Chromium writes it (UTF-16BE) into the PDF's information
    const title = /\/Title\s*<FEFF([0-9A-F]+)>/i.exec(raw)?.[1];
    expect(Buffer.from(title!, 'hex').swap16().toString('utf16le')).toBe('Báo cáo Chỉ số CCHC năm 2023 — Chỉ số 2023');
    const fonts = [...new Set([...raw.matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]))];
    expect(fonts.length, 'embedded fonts').toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^(LiberationSerif|DejaVuSerif|NotoSerif|TimesNewRoman)/);
    await context.close();
  });

  it('a department\'s own report names the department\'s divisions, not the provincial agencies, and links to the province-wide report (issue 12 point 10)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${campaignId}/units/${unitIds[0]}/report`); // Sở A, a department
    await page.getByTestId('report-total').waitFor();
    const field2 = page.getByRole('row').filter({ hasText: 'CẢI CÁCH THỂ CHẾ' }).first();
    await expect(field2.textContent()).resolves.toContain('Bộ phận pháp chế (Văn phòng Sở)');
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Sở Tư pháp|Sở Kế hoạch và Đầu tư|Văn phòng UBND tỉnh/);
    await expect(page.getByRole('link', { name: 'Báo cáo toàn tỉnh' }).getAttribute('href')).resolves.toBe(`/api/campaigns/${campaignId}/report/print.html`);
    // the analyst's dialog starts from the mapping this report uses
    await page.getByRole('button', { name: 'Sửa đơn vị phụ trách' }).click();
    await expect.poll(() => page.locator('#agency-2').inputValue()).toBe('Bộ phận pháp chế (Văn phòng Sở)');
    await context.close();
  });
});
