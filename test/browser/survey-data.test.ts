import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';
import { defaultSurvey, saveSurvey } from '../../server/features/leadership/survey.service';

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

  it('shows row errors, stores a valid table, offers only the files the campaign has, and says why a download fails', async () => {
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

    // the campaign has SIPAS fieldwork and no leadership survey: only the SIPAS files are offered, and a note says why
    const downloads = page.getByRole('region', { name: 'Dữ liệu vi mô ẩn danh' });
    await downloads.waitFor();
    const downloadsAnyLanguage = page.locator('section[aria-labelledby="survey-data-downloads"]');
    await downloads.getByRole('button', { name: 'Dữ liệu SIPAS (CSV)' }).waitFor();
    await expect(downloads.getByRole('button').allTextContents()).resolves.toEqual(['Dữ liệu SIPAS (CSV)', 'Sổ tay mã SIPAS (CSV)']);
    await expect(downloads.getByTestId('microdata-no-leadership').textContent()).resolves.toMatch(/^Chưa có dữ liệu khảo sát lãnh đạo để tải: đợt này chưa có khảo sát lãnh đạo\./);
    const [file] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'Dữ liệu SIPAS (CSV)' }).click()]);
    expect(file.suggestedFilename()).toBe('PAR-INDEX_2025_sipas-microdata.csv');
    expect(readFileSync((await file.path())!).toString('utf8')).toMatch(/^\uFEFFrow_id,/);
    await page.screenshot({ path: 'test-results/survey-data.png', fullPage: true });

    // a refused download says why, in Vietnamese and in English (the plan is gone since the page was opened)
    await t.database.db.deleteFrom('fieldwork_plan').where('campaign_id', '=', s.campaignId).execute();
    await downloads.getByRole('button', { name: 'Sổ tay mã SIPAS (CSV)' }).click();
    await expect.poll(() => downloads.textContent()).toContain('Không tải được “Sổ tay mã SIPAS (CSV)”');
    await expect(downloads.textContent()).resolves.toContain('Đợt đánh giá chưa có kế hoạch khảo sát SIPAS.');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => downloadsAnyLanguage.textContent()).toContain('Could not download “SIPAS codebook (CSV)”');
    await expect(downloadsAnyLanguage.textContent()).resolves.toContain('The campaign has no SIPAS plan.');
    // shown as an alert, so a screen reader says it too
    await expect(downloadsAnyLanguage.getByRole('alert').textContent()).resolves.toContain('The campaign has no SIPAS plan.');
    await page.getByRole('button', { name: 'VI', exact: true }).click();

    // with a leadership survey, its files are offered too (and no SIPAS files now that the plan is gone)
    await saveSurvey(t.database.db, s.campaignId, defaultSurvey());
    await page.reload();
    await downloads.getByRole('button', { name: 'Dữ liệu khảo sát lãnh đạo (CSV)' }).waitFor();
    await expect(downloads.getByRole('button').allTextContents()).resolves.toEqual(['Dữ liệu khảo sát lãnh đạo (CSV)', 'Sổ tay mã khảo sát lãnh đạo (CSV)']);
    await downloads.getByTestId('microdata-no-sipas').waitFor();
    const [codebook] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'Sổ tay mã khảo sát lãnh đạo (CSV)' }).click()]);
    expect(codebook.suggestedFilename()).toMatch(/^PAR-INDEX_2025_.*\.csv$/);
    await context.close();
  });
});
