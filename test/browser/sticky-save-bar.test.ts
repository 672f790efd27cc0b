import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { describeBrowser, openBrowser, closeBrowser, signedInContext, SHOTS } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';

// A save bar that sticks to the bottom of the screen must not hide the figures above it (issue 12, point 10):
// the last row of the quota grid and the totals under it, scrolled to, stop above the bar; a field reached with Tab
// is never left under it.
describeBrowser('sticky save bars leave the figures they follow in view', () => {
  let t: TestApp;
  let s: FieldworkScenario;
  let browser: Browser;
  let origin: string;
  const units: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite');
    s = await fieldworkScenario(t);
    // a grid longer than a phone's screen
    const province = await t.database.db.selectFrom('unit').select('id').where('code', '=', 'FW').executeTakeFirstOrThrow();
    for (let i = 1; i <= 14; i++) {
      const u = await createUnit(t.database.db, { code: `FW-X${i}`, name: `Xã thử số ${i}`, parentId: province.id, kind: 'district', group: 'huyen' });
      units.push(u.id);
    }
    await updateCampaign(t.database.db, s.campaignId, { unitIds: [s.unitA, s.unitB, ...units] });
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  /** Top of the save bar in the viewport's coordinates. */
  const barTop = (page: Page) => page.locator('.actions--sticky').evaluate((el) => el.getBoundingClientRect().top);

  it('quota grid at 390 px: with unsaved changes the bar sticks; fields reached with Tab, the last row and the totals stop above it', async () => {
    const context = await signedInContext(browser, t, origin, 'analyst', { viewport: { width: 390, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${origin}/campaigns/${s.campaignId}/fieldwork`);
    await page.getByLabel('Xã thử số 1 — Tất cả').fill('4');
    const bar = page.locator('.actions--sticky');
    await bar.waitFor();

    // half way down the grid the bar is stuck to the bottom of the screen, over the rows behind it
    await page.getByLabel('Xã thử số 6 — Tất cả').scrollIntoViewIfNeeded();
    expect(await barTop(page)).toBeLessThan(700);

    // Tab through the grid: the focused field is never under the bar
    await page.getByLabel('Xã thử số 2 — Tất cả').focus();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.locator(':focus').evaluate((el) =>
        el.closest('.actions--sticky') ? null : { label: el.getAttribute('aria-label'), bottom: el.getBoundingClientRect().bottom },
      );
      if (!focused) break;
      expect(focused.bottom, `${focused.label} under the save bar`).toBeLessThanOrEqual(await barTop(page));
    }

    // scrolled down to the grid's last row, then to the totals under it (as a search hit or a link to them would):
    // each stops above the stuck bar, not under it
    const lastRow = page.getByTestId('quota-total-FW-X14').locator('xpath=ancestor::tr');
    await lastRow.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    expect(await barTop(page)).toBeLessThan(700); // still stuck: the grid goes on below the screen's edge
    expect(await lastRow.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(await barTop(page));
    const totals = page.locator('p', { hasText: /^Tổng theo cấp:/ });
    await totals.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    await page.screenshot({ path: `${SHOTS}/sticky-save-bar-390.png` });
    expect(await totals.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(await barTop(page));
    await context.close();
  });
});
