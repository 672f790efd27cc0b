import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';

describeBrowser('the survey data page: population import with row errors, editing, microdata downloads', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let s: FieldworkScenario;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    s = await fieldworkScenario(t);
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows row errors, stores a valid table, and offers the four files', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-analyst');

    await page.goto(`${origin}/campaigns/${s.campaignId}`);
    await page.getByRole('link', { name: 'Dân số và tải dữ liệu' }).click();
    await page.waitForURL(`**/campaigns/${s.campaignId}/survey-data`);
    await page.getByText('Chưa nhập dân số').waitFor();

    const area = page.getByLabel('Dán bảng (CSV)');
    await area.fill('đơn vị,cấp,dân số\nFW-A,tất cả,1000\nNOPE,huyện,0\n');
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByText(/Bảng có 2 lỗi/).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('không có đơn vị mã "NOPE"');

    await area.fill('đơn vị,cấp,dân số\nFW-A,tất cả,1000\nFW-B,huyện,500\n');
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByRole('button', { name: 'Lưu 2 dòng' }).click();
    await page.getByText('Đã lưu 2 dòng.').waitFor();
    expect(await t.database.db.selectFrom('sipas_population').select('population').orderBy('population').execute()).toEqual([{ population: 500 }, { population: 1000 }]);

    for (const name of ['Dữ liệu SIPAS (CSV)', 'Sổ tay mã SIPAS (CSV)', 'Dữ liệu khảo sát lãnh đạo (CSV)', 'Sổ tay mã khảo sát lãnh đạo (CSV)']) {
      await expect(page.getByRole('link', { name }).count()).resolves.toBe(1);
    }
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dữ liệu SIPAS (CSV)' }).click()]);
    expect(file.suggestedFilename()).toBe('PAR-INDEX_2025_sipas-microdata.csv');
    await page.screenshot({ path: 'test-results/survey-data.png', fullPage: true });
    await context.close();
  });
});
