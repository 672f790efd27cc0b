import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../server/db/schema';
import { describeBrowser, openBrowser, closeBrowser, signedInContext, SHOTS } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { createCampaign } from '../../server/features/campaigns/service';
import { fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';

// The top menu (issue 12, point 10): the admin's mail outbox, every item reachable on a 390 px phone, and the item
// of the page's own section highlighted (a campaign's fieldwork screens are "Thực địa SIPAS", not "Đợt đánh giá").
describeBrowser('the top menu on a phone and on a desk; the fieldwork index', () => {
  let t: TestApp;
  let s: FieldworkScenario;
  let browser: Browser;
  let origin: string;

  async function pageAs(role: Role, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await signedInContext(browser, t, origin, role, { viewport: { width, height: 844 } });
    return { context, page: await context.newPage() };
  }

  /** The menu's link texts, in order, and the one marked as the current page. */
  async function menu(page: Page) {
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link').first().waitFor();
    const links = await nav.getByRole('link').allTextContents();
    const current = await nav.locator('a[aria-current="page"]').allTextContents();
    return { nav, links, current };
  }

  beforeAll(async () => {
    t = await startTestApp('pglite');
    s = await fieldworkScenario(t);
    await createCampaign(t.database.db, { name: 'Đợt không khảo sát', year: 2024, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA], previousCampaignId: null });
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  it('admin at 390 px: the mail outbox is in the menu; a cue marks the clipped items; every item can be reached and opened', async () => {
    const { context, page } = await pageAs('admin', 390);
    await page.goto(`${origin}/campaigns`);
    const { nav, links } = await menu(page);
    expect(links).toEqual(['Đợt đánh giá', 'Thực địa SIPAS', 'Tự đánh giá', 'Đơn vị', 'Bộ tiêu chí', 'Tài khoản', 'Hộp thư đi']);

    // the last items do not fit: the end is marked (fade and arrow), the start is not
    const outbox = nav.getByRole('link', { name: 'Hộp thư đi' });
    const right = async () => {
      const box = (await outbox.boundingBox())!;
      return box.x + box.width;
    };
    expect(await right()).toBeGreaterThan(390);
    await expect(nav.getAttribute('class')).resolves.toContain('nav--more-end');
    await expect(nav.getAttribute('class')).resolves.not.toContain('nav--more-start');
    await page.screenshot({ path: `${SHOTS}/nav-390-start.png` });
    // the arrow scrolls until the last item is on screen; then the start is marked and the end is not
    // a person taps the arrow until the last item shows
    const arrow = nav.locator('.nav__more--end');
    await expect.poll(async () => {
      if ((await right()) > 390 && (await arrow.isVisible())) await arrow.click();
      return right();
    }, { timeout: 10_000 }).toBeLessThanOrEqual(390);
    await expect.poll(async () => (await nav.getAttribute('class')) ?? '').not.toContain('nav--more-end');
    await page.screenshot({ path: `${SHOTS}/nav-390-end.png` });

    // every item opens its page, and the opened page's item is highlighted and on screen
    const paths = ['/campaigns', '/fieldwork', '/assessment', '/units', '/criteria', '/users', '/mail-outbox'];
    for (const [i, name] of links.entries()) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`${origin}${paths[i]}`);
      await expect.poll(async () => (await menu(page)).current).toEqual([name]);
      const box = (await nav.getByRole('link', { name, exact: true }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    await page.getByRole('heading', { name: 'Hộp thư đi (demo)' }).waitFor();
    await context.close();
  });

  it('supervisor: a campaign\'s fieldwork screens highlight "Thực địa SIPAS"; its results "Đợt đánh giá"', async () => {
    const { context, page } = await pageAs('supervisor', 1280);
    for (const path of ['fieldwork/dashboard', 'review', 'rechecks', 'fieldwork']) {
      await page.goto(`${origin}/campaigns/${s.campaignId}/${path}`);
      await expect.poll(async () => (await menu(page)).current, { message: path }).toEqual(['Thực địa SIPAS']);
    }
    await page.goto(`${origin}/campaigns/${s.campaignId}/results`);
    await expect.poll(async () => (await menu(page)).current).toEqual(['Đợt đánh giá']);
    // the supervisor has no outbox
    expect((await menu(page)).links).not.toContain('Hộp thư đi');
    await context.close();
  });

  it('fieldwork index: a supervisor sees only the campaign with fieldwork; an analyst sees the other apart, marked as not set up', async () => {
    const { context, page } = await pageAs('supervisor', 390);
    await page.goto(`${origin}/fieldwork`);
    const listed = page.getByTestId('fieldwork-campaigns');
    await listed.waitFor();
    await expect(listed.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual(['SIPAS thử · 2025']);
    await expect(listed.textContent()).resolves.toMatch(/Khảo sát từ \d\d\/\d\d\/\d{4} đến \d\d\/\d\d\/\d{4} · 0 phiếu đã nhận/);
    await expect(page.locator('main').textContent()).resolves.not.toContain('Đợt không khảo sát');
    await context.close();

    const analyst = await pageAs('analyst', 1280);
    await analyst.page.goto(`${origin}/fieldwork`);
    await analyst.page.getByTestId('fieldwork-campaigns').waitFor();
    await expect(analyst.page.getByTestId('fieldwork-campaigns').getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual(['SIPAS thử · 2025']);
    const apart = analyst.page.getByTestId('fieldwork-not-set-up');
    await expect(apart.getByRole('heading').textContent()).resolves.toBe('Đợt chưa thiết lập khảo sát SIPAS');
    await apart.getByRole('link', { name: 'Thiết lập khảo sát SIPAS cho Đợt không khảo sát' }).click();
    await analyst.page.waitForURL(/\/campaigns\/[0-9a-f-]+\/fieldwork$/);
    await analyst.context.close();
  });
});
