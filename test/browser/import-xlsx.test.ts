import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';

// issue 12 item 1: the app's own appendix.xlsx, chosen in "Nhập bảng điểm → Chọn tệp…", is sent as an XLSX
describeBrowser('analyst imports an XLSX score table from the page', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let target: { campaignId: string; unitId: string };
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    // the source: the Hà Giang table stored through the API, then exported as the report's appendix.xlsx
    const source = await haGiangCampaign(t.database.db);
    const cookie = await t.cookieFor('analyst');
    const proposed = await t.app.inject({ method: 'POST', url: `${source.base}/imports/preview`, headers: { cookie }, payload: { text: HA_GIANG_TABLE } });
    const keepStated = (proposed.json() as { chosen: string[] }).chosen; // the kept scores the page proposes
    const stored = await t.app.inject({ method: 'POST', url: `${source.base}/imports/commit`, headers: { cookie }, payload: { text: HA_GIANG_TABLE, keepStated } });
    expect(stored.statusCode, stored.body).toBe(200);
    const exported = await t.app.inject({ method: 'GET', url: `${source.base}/report/appendix.xlsx`, headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    dir = mkdtempSync(join(tmpdir(), 'par-xlsx-'));
    writeFileSync(join(dir, 'PAR-INDEX_HG_2022_phu-luc.xlsx'), exported.rawPayload);
    // a binary file with a table's name: a PNG header
    writeFileSync(join(dir, 'bang-diem.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    // the XLSX with a .txt name: told by its content, not its name
    writeFileSync(join(dir, 'bang-diem.txt'), exported.rawPayload);
    const { unit, campaign } = await haGiangCampaign(t.database.db, ' B');
    target = { campaignId: campaign.id, unitId: unit.id };
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openImport = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${target.campaignId}/units/${target.unitId}/import`);
    await page.getByRole('button', { name: 'Chọn tệp…' }).waitFor();
    return page;
  };

  it('a binary file that is not an XLSX is refused with a message, and nothing is pasted', async () => {
    const page = await openImport();
    await page.locator('input[type=file]').setInputFiles(join(dir, 'bang-diem.csv'));
    await page.getByText(/không phải bảng dạng văn bản UTF-8/).waitFor();
    await expect(page.locator('textarea').inputValue()).resolves.toBe('');
    await expect(page.getByRole('button', { name: 'Kiểm tra' }).isDisabled()).resolves.toBe(true);
  });

  it('chooses the exported XLSX (even named .txt), checks it, sees the findings, saves, and sees the total 84,41', async () => {
    const page = await openImport();
    await page.locator('input[type=file]').setInputFiles(join(dir, 'bang-diem.txt'));
    await page.getByText(/Tệp XLSX bang-diem\.txt/).waitFor();
    await expect(page.locator('textarea').inputValue()).resolves.toBe(''); // no binary text in the paste box
    await page.locator('input[type=file]').setInputFiles(join(dir, 'PAR-INDEX_HG_2022_phu-luc.xlsx'));
    await page.getByText(/Tệp XLSX PAR-INDEX_HG_2022_phu-luc\.xlsx/).waitFor();
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).waitFor();
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/Không tìm thấy dòng tiêu đề/);
    expect(await t.database.db.selectFrom('content_score').select('criterion_code').where('campaign_id', '=', target.campaignId).execute()).toHaveLength(0);
    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).click();
    const total = page.getByTestId('score-total');
    await total.waitFor();
    await expect.poll(() => total.textContent()).toMatch(/84,41/);
    const stored = await t.database.db.selectFrom('content_score').select('criterion_code').where('campaign_id', '=', target.campaignId).execute();
    expect(stored.length).toBeGreaterThan(90);
  });
});
