import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, formatViolations, seriousOrCritical } from '../support/axe';
import { describeBrowser, logInAs, openBrowser, closeBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { provinceCampaigns } from '../support/province-scenario';

const GROUPS = ['so-nganh', 'huyen'] as const;

/** Per group, unit → [rank, index] as a page's first table in the group's section shows them. */
async function rows(page: Page, cols: { rank: number; unit: number; index: number }) {
  const out: Record<string, Record<string, [string, string]>> = {};
  for (const group of GROUPS) {
    const body = page.locator(`section[aria-labelledby="group-${group}"] table`).first().locator('tbody tr');
    await body.first().waitFor();
    out[group] = {};
    for (const row of await body.all()) {
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      out[group]![cells[cols.unit]!] = [cells[cols.rank]!, cells[cols.index]!];
    }
  }
  return out;
}

// Issue 13, publication: the analyst publishes from the campaign's publication screen; anyone then opens the public
// page without logging in, on a phone, in Vietnamese or English, and downloads the ranking table.
describeBrowser('publishing results and the public page (no login, 390 px)', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    ({ campaignId } = await provinceCampaigns(t.database.db));
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  it('publish, then the public page shows the ranking page\'s rows, switches to English, downloads CSV (BOM) and XLSX, and has no serious axe violation', async () => {
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await staff.newPage();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${campaignId}/ranking`);
    const ranked = await rows(page, { rank: 0, unit: 1, index: 4 });
    expect(Object.keys(ranked['so-nganh']!)).toHaveLength(4);

    await page.goto(`${origin}/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Công bố kết quả' }).click();
    await page.getByRole('heading', { name: 'Chưa công bố.' }).waitFor();
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByRole('heading', { name: /^Đang công bố: phiên bản 1/ }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Test analyst' }).count()).toBeGreaterThan(0);
    await staff.close();

    // a visitor: no session, a phone's width
    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', acceptDownloads: true });
    const pub = await visitor.newPage();
    await pub.goto(`${origin}/cong-khai`);
    await pub.getByRole('link', { name: /Chỉ số 2023/ }).click();
    await pub.getByRole('heading', { level: 1, name: 'Chỉ số 2023' }).waitFor();
    expect(pub.url()).toBe(`${origin}/cong-khai/${campaignId}`);
    expect(await rows(pub, { rank: 0, unit: 1, index: 2 })).toEqual(ranked);
    await expect.poll(() => pub.locator('.badge--band').count()).toBeGreaterThan(6);
    expect(await pub.locator('svg[role="img"]').count()).toBe(2);
    // readable at 390 px: nothing wider than the screen
    expect(await pub.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    mkdirSync('test-results', { recursive: true });
    await pub.screenshot({ path: 'test-results/public-results-390.png', fullPage: true });
    const violations = seriousOrCritical(await axeViolations(pub));
    expect(violations, formatViolations(violations)).toEqual([]);

    // printable: the print sheet hides the language switch and the download buttons, keeps every group's table
    await pub.emulateMedia({ media: 'print' });
    expect(await pub.getByRole('heading', { name: 'Tải về' }).isVisible()).toBe(false);
    expect(await pub.locator('section[aria-labelledby^="group-"] table').first().isVisible()).toBe(true);
    await pub.emulateMedia({ media: 'screen' });

    await pub.getByRole('button', { name: 'EN' }).click();
    await pub.getByRole('heading', { name: 'Downloads' }).waitFor();
    expect(await pub.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => pub.getByText('Group average').count()).toBe(2);

    const [csv] = await Promise.all([pub.waitForEvent('download'), pub.getByRole('link', { name: 'Ranking table (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toBe('PAR-INDEX_2023_bang-xep-hang_cong-bo-v1.csv');
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Sở A');
    const [xlsx] = await Promise.all([pub.waitForEvent('download'), pub.getByRole('link', { name: 'Ranking table (Excel)' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    // a sheet per group: title, header, its units, the group average
    expect(wb.worksheets.map((s) => s.rowCount).sort()).toEqual([2 + 2 + 1, 2 + 4 + 1]);
    const english = seriousOrCritical(await axeViolations(pub));
    expect(english, formatViolations(english)).toEqual([]);
    await visitor.close();
  }, 120_000);
});
