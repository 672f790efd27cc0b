import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, logInAs, serveApp } from '../support/browser';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { axeViolations, formatViolations, seriousOrCritical, type AxeViolation } from '../support/axe';
import { HA_GIANG_TABLE, haGiangCampaign } from '../support/scenario';
import { trendScenario, type TrendScenario } from '../support/result-trends';
import { leadershipScenario } from '../support/leadership';
import { linksFor } from '../support/leadership-links';

/**
 * Issue 12: axe-core on the pages people use most — the login, a unit's score tree (with its band badge), the
 * SIPAS results, the enumerator's form on a 390 px phone and the delegate's answering page — in Vietnamese.
 * No serious or critical violation may remain; the lesser ones are listed in the output for whoever comes next.
 */
describeBrowser('accessibility (axe-core): no serious or critical violations on the main pages', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let s: TrendScenario;
  let haGiang: { campaignId: string; unitId: string };
  let token: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    s = await trendScenario(t); // the SIPAS campaign in fieldwork with accepted forms, the enumerator assigned to it
    const { unit, campaign, base } = await haGiangCampaign(t.database.db);
    haGiang = { campaignId: campaign.id, unitId: unit.id };
    const res = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie: await t.cookieFor('analyst') }, payload: { text: HA_GIANG_TABLE, keepStated: ['1.3'] } });
    expect(res.statusCode, res.body).toBe(200);
    const leadership = await leadershipScenario(t, 4, '-A11Y');
    token = (await linksFor(t.database.db, leadership.campaignId))[0]!;
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  const desktop = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    contexts.push(context);
    return context.newPage();
  };
  const phone = async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, locale: 'vi-VN', deviceScaleFactor: 1,
      permissions: ['geolocation'], geolocation: { latitude: 22.83, longitude: 104.98, accuracy: 25 },
    });
    contexts.push(context);
    return context.newPage();
  };

  /** Checks the page as it is now; prints every violation (all impacts) and fails on serious or critical ones (softly: the test goes on to the next state, so one run lists them all). */
  const check = async (page: Page, name: string) => {
    const all: AxeViolation[] = await axeViolations(page);
    const count = (impact: string) => all.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
    console.log(`axe ${name}: critical ${count('critical')}, serious ${count('serious')}, moderate ${count('moderate')}, minor ${count('minor')}\n${formatViolations(all)}`);
    expect.soft(formatViolations(seriousOrCritical(all)), `${name}: serious or critical axe violations`).toBe('no violations');
    return all;
  };

  it('the login page', async () => {
    const page = await desktop();
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await check(page, 'login');
  });

  it("a unit's score tree, with its band badge", async () => {
    const page = await desktop();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${haGiang.campaignId}/units/${haGiang.unitId}/scores`);
    await page.getByText('Loại B').first().waitFor();
    await page.getByText('Cải cách chế độ công vụ').first().waitFor();
    await check(page, 'score tree');
  });

  it("the ranking's band legend: every band of the national set as a badge", async () => {
    const page = await desktop();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${haGiang.campaignId}/ranking`);
    for (const band of ['Loại A', 'Loại B', 'Loại C', 'Loại D']) await page.locator('.band-legend .badge--band', { hasText: band }).waitFor();
    await check(page, 'ranking');
  });

  it('the SIPAS results', async () => {
    const page = await desktop();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${s.campaignId}/results`);
    await page.getByText('3 phiếu đã duyệt được tính').waitFor({ timeout: 60_000 }); // the SIPAS estimates are computed on load: slow on a busy machine
    await expect.poll(() => page.getByTestId('trend-chart').locator('svg .recharts-line path.recharts-curve').count()).toBe(4);
    const all = await check(page, 'results');
    // the warning column's heading is there for screen readers (axe minor 'empty-table-header' before)
    expect(formatViolations(all.filter((v) => v.id === 'empty-table-header'))).toBe('no violations');
    await expect(page.locator('th .visually-hidden', { hasText: 'Cảnh báo về ước lượng' }).count()).resolves.toBeGreaterThan(0);
  });

  it("the enumerator's home and a form open at its first question, on a 390 px phone", async () => {
    const page = await phone();
    await page.goto(`${origin}/enumerator/`);
    await page.getByLabel('Tên đăng nhập').fill('test-enumerator');
    await check(page, 'enumerator login');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('unsent-count').textContent()).toBe('Đã gửi hết phiếu');
    await check(page, 'enumerator home');
    await page.getByRole('link', { name: 'Phiếu mới' }).click();
    await page.getByLabel('Thành phố Hà Giang').check();
    await page.getByLabel('Phỏng vấn trực tiếp').check();
    await page.getByLabel('Đồng ý ghi vị trí').check();
    await check(page, 'enumerator new form');
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByTestId('section-title').waitFor();
    await page.locator('[data-qid]').first().waitFor();
    await check(page, 'enumerator form');
    // the same section after "Tiếp" with nothing answered: the messages under the questions must be announced too
    await page.getByRole('button', { name: 'Tiếp', exact: true }).click();
    await page.getByText('Chưa được trả lời (câu bắt buộc).').first().waitFor();
    await check(page, 'enumerator form with errors');
  });

  it("the delegate's answering page /r/<token>: its introduction and a field's questions, on a phone", async () => {
    const page = await phone();
    await page.goto(`${origin}/r/${token}`);
    await page.getByRole('heading', { level: 1, name: /Phiếu điều tra xã hội học lãnh đạo, quản lý/ }).waitFor();
    await check(page, 'answering intro');
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.locator('fieldset.question').first().waitFor();
    await check(page, 'answering questions');
  });
});
