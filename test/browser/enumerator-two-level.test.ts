// Issue 14: the enumerator app on a two-level campaign (sipas-2023-two-level) shows its levels from the
// questionnaire — cấp tỉnh and cấp xã — and nothing about districts, on every screen from the home to the sent form.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, openBrowser, closeBrowser, logInToEnumerator, SHOTS } from '../support/browser';
import { answerSection } from '../support/enumerator-form';
import { startTestApp, type TestApp } from '../support/app';
import { twoLevelScenario, type TwoLevelScenario } from '../support/two-level';
import { saveQuotas } from '../../server/features/fieldwork/setup.service';

const DISTRICT = /huyện|district/i;

/** The whole text on screen (what a person reads), checked for any mention of a district. */
async function expectNoDistrict(page: Page, where: string) {
  const text = await page.locator('body').innerText();
  expect(text.length, where).toBeGreaterThan(0);
  expect(text.match(DISTRICT), `${where}: ${text}`).toBeNull();
}

describeBrowser('enumerator app on a two-level campaign (390 px): no district anywhere, a form filled and sent', () => {
  let t: TestApp;
  let s: TwoLevelScenario;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    s = await twoLevelScenario(t.database.db, t.users.enumerator.id);
    await saveQuotas(t.database.db, s.campaignId, [
      { unitId: s.commune, level: 'province', target: 5 },
      { unitId: s.commune, level: 'commune', target: 20 },
      { unitId: s.department, level: 'province', target: 10 },
    ]);
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(async () => {
    await context?.close();
    await closeBrowser(browser, t);
  });

  it('shows the campaign\'s levels from its questionnaire and sends a commune-level form', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', serviceWorkers: 'allow' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await logInToEnumerator(page, origin);
    await page.getByTestId('unit-TL-MT').waitFor();
    // the quota lines are named by the questionnaire's levels, in its order: Cộng, Cấp tỉnh, Cấp xã
    const lines = await page.getByTestId('unit-TL-MT').locator('.quota').allInnerTexts();
    expect(lines.map((l) => l.split('\n')[0]!.trim())).toEqual(['Cộng (chỉ tiêu của đơn vị)', 'Cấp tỉnh', 'Cấp xã']);
    await expectNoDistrict(page, 'home');
    await page.screenshot({ path: `${SHOTS}/enumerator-two-level-home.png`, fullPage: true });
    // the English screen too
    await page.getByRole('button', { name: 'Đổi ngôn ngữ sang tiếng Anh' }).click();
    await page.getByTestId('unit-TL-MT').getByText('Commune', { exact: true }).waitFor();
    await expectNoDistrict(page, 'home (English)');
    await page.getByRole('button', { name: 'Switch the language to Vietnamese' }).click();
    await page.getByTestId('unit-TL-MT').getByText('Cấp xã', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Phiếu mới' }).click();
    await page.getByLabel('Xã Minh Tân').check();
    await page.getByLabel('Phỏng vấn trực tiếp').check();
    await page.getByLabel('Không ghi vị trí').check();
    await expectNoDistrict(page, 'new form');
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByTestId('section-title').waitFor();
    // the level question offers the two levels of the questionnaire
    const levelOptions = await page.locator('[data-qid="gov_level"] .option').allInnerTexts();
    expect(levelOptions.map((o) => o.trim())).toEqual(['Cấp tỉnh', 'Cấp xã']);
    await page.screenshot({ path: `${SHOTS}/enumerator-two-level-form.png`, fullPage: true });

    for (let i = 0; i < 30; i++) {
      const title = (await page.getByTestId('section-title').textContent()) ?? '';
      await answerSection(page, { choose: { gov_level: 'commune' }, text: 'Hộ tịch — đăng ký khai sinh' });
      await expectNoDistrict(page, `section "${title}"`);
      const finish = page.getByRole('button', { name: 'Hoàn thành', exact: true });
      if (await finish.isVisible()) {
        await finish.click();
        break;
      }
      await page.getByRole('button', { name: 'Tiếp', exact: true }).click();
      await expect.poll(() => page.getByTestId('section-title').textContent()).not.toBe(title);
    }
    // online: the form goes out; the home screen counts it against the Cấp xã quota
    await expect.poll(() => page.getByTestId('unsent-count').textContent(), { timeout: 20_000 }).toBe('Đã gửi hết phiếu');
    const stored = await t.database.db.selectFrom('sipas_form').select(['gov_level', 'questionnaire_id', 'status', 'flags']).where('campaign_id', '=', s.campaignId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ gov_level: 'commune', questionnaire_id: 'sipas-2023-two-level' });
    expect(stored[0]!.flags).not.toContainEqual(expect.objectContaining({ code: 'invalid_answers' }));
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => page.getByTestId('unit-TL-MT').innerText()).toMatch(/Cấp xã\s*1\/20 phiếu/);
    await expectNoDistrict(page, 'home after sending');
    await page.screenshot({ path: `${SHOTS}/enumerator-two-level-sent.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
