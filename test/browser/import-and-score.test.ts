import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';

describeBrowser('analyst imports the Hà Giang 2022 table in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let ids: { campaignId: string; unitId: string };

  beforeAll(async () => {
    // the default cookie settings (Secure, HttpOnly): browsers accept Secure cookies on http://localhost
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const { unit, campaign } = await haGiangCampaign(t.database.db);
    ids = { campaignId: campaign.id, unitId: unit.id };
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in, checks the table, sees its findings, commits, and sees the total 84,41', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');

    await page.goto(`${origin}/campaigns/${ids.campaignId}/units/${ids.unitId}/import`);
    await page.locator('textarea').fill(HA_GIANG_TABLE);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    // the table's real faults are listed before anything is stored
    const findings = page.getByRole('table').filter({ hasText: '5.1.2' });
    await findings.waitFor();
    await expect(findings.textContent()).resolves.toMatch(/5\.1\.2/);
    await expect(page.locator('body').textContent()).resolves.toMatch(/16,5000/); // Vietnamese messages use decimal commas
    expect(await t.database.db.selectFrom('content_score').select('criterion_code').execute()).toHaveLength(0);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/import-findings.png', fullPage: true });
    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).click();

    const total = page.getByTestId('score-total');
    await total.waitFor();
    await expect.poll(() => total.textContent()).toMatch(/84,41/);
    await page.screenshot({ path: 'test-results/score-tree.png', fullPage: true });
    const stored = await t.database.db.selectFrom('content_score').select('criterion_code').execute();
    expect(stored.length).toBeGreaterThan(90);
  });

  it('refuses to save a table with blocking errors: they are marked and the save button is disabled', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${ids.campaignId}/units/${ids.unitId}/import`);
    // a negative score on a leaf: the commit would refuse it, so the page does not offer to save
    const broken = HA_GIANG_TABLE.split('\n').map((line) => {
      const cells = line.split('\t');
      if (cells[0] !== '1.3.1') return line;
      cells[4] = '-0,5';
      return cells.join('\t');
    }).join('\n');
    expect(broken).not.toBe(HA_GIANG_TABLE);
    await page.locator('textarea').fill(broken);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText(/lỗi phải sửa trước khi lưu/).waitFor();
    await expect(page.getByRole('table').filter({ hasText: 'chặn lưu' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Lưu vào hệ thống' }).isDisabled()).resolves.toBe(true);
  });
});
