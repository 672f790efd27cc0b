import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { HA_GIANG_TABLE } from '../support/scenario';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';

// Issue 12 point 13 on the web import page: the table's rounding of parent scores in plain words, the analyst's own
// choice (re-checked, then stored with the scores), and the campaign's stored rounding shown at the next import.
// The 2023 table is constructed for the tests (8.1 printed 7,6256, its children's exact sum; TỔNG ĐIỂM 88,01).
const TABLE_2023 = readFileSync(new URL('../fixtures/constructed-province-2023.appendix.tsv', import.meta.url), 'utf8');

describeBrowser('analyst sees and chooses how a score table rounds its parents', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const unit = await createUnit(t.database.db, { code: 'P23', name: 'Tỉnh thử nghiệm', parentId: null, kind: 'province', group: 'tinh' });
    const campaign = await createCampaign(t.database.db, {
      name: 'PAR INDEX 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
    });
    campaignId = campaign.id;
    unitId = unit.id;
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (page: Page, table: string) => {
    await page.goto(`${origin}/campaigns/${campaignId}/units/${unitId}/import`);
    await page.locator('textarea').fill(table);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByTestId('import-rounding').waitFor();
  };
  const rounding = (page: Page) => page.getByTestId('import-rounding').textContent();
  const storedTotal = async () => {
    const cookie = await t.cookieFor('analyst');
    const answer = await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/units/${unitId}/scores`, headers: { cookie } });
    return (answer.json() as { tree: { total: number } }).tree.total;
  };

  it('2023 table: 8.1 not rounded and the printed 88,01 reproduced; rounding 8.1 to 2 and not keeping it gives 88,0123, stored with the rounding', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');
    await check(page, TABLE_2023);

    // what the table shows, in plain words, and the campaign's rounding now
    const shown = await rounding(page);
    expect(shown).toMatch(/Bảng này không làm tròn (\S+, )*8\.1(, \S+)*: các mục này được in đúng bằng tổng các mục con \(như [\d.]+: \d+,\d{4}\)\./);
    expect(shown).toContain('Dòng TỔNG ĐIỂM in 88,01: tổng các lĩnh vực 88,0079 làm tròn đến 2 chữ số thập phân khi in.');
    expect(shown).toContain('Đợt đánh giá hiện không làm tròn điểm tổng hợp nào.');
    expect(shown).toContain('Lưu bảng này không đổi cách làm tròn của đợt.');
    // with the proposals, the total is the printed one
    await expect(page.getByTestId('total-with-chosen').textContent()).resolves.toBe('đủ 4 chữ số thập phân: 88,0079');

    // the analyst's own rounding: 8.1 to 2 decimals, checked again
    await page.getByRole('radio', { name: 'Tự chọn cho từng mục' }).check();
    const apply = page.getByRole('button', { name: 'Kiểm tra lại với cách làm tròn này' });
    // the table rounds nothing and the campaign neither: the analyst names 8.1
    await expect(page.getByTestId('import-rounding').locator('select').count()).resolves.toBe(0);
    await page.getByLabel('Mã mục khác').fill('8.1');
    await page.getByRole('button', { name: 'Thêm mục' }).click();
    await page.getByLabel('Mục 8.1').selectOption({ label: 'làm tròn đến 2 chữ số thập phân' });
    await page.getByText(/Chưa áp dụng/).waitFor();
    await apply.click();
    await page.getByText('Khi lưu, đợt đánh giá sẽ đổi: 8.1 làm tròn đến 2 chữ số thập phân.', { exact: false }).waitFor();
    await expect(apply.isDisabled()).resolves.toBe(true);
    mkdirSync('test-results', { recursive: true });
    await page.getByTestId('import-rounding').screenshot({ path: 'test-results/import-rounding.png' });
    // keeping the printed 7,6256 (proposed) still gives the printed total
    const keep81 = page.getByRole('checkbox', { name: /cho 8\.1: 7,6256 \(tổng thành phần 7,6300\)/ });
    await expect(keep81.isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('total-with-chosen').textContent()).resolves.toBe('đủ 4 chữ số thập phân: 88,0079');

    // not kept: stored with 8.1 rounded, the total is 0,0044 higher
    await keep81.uncheck();
    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).click();
    const total = page.getByTestId('score-total');
    await total.waitFor();
    await expect.poll(() => total.textContent()).toMatch(/88,01/);
    expect(await storedTotal()).toBeCloseTo(88.0123, 9);
    const stored = await t.database.db.selectFrom('campaign_score_rounding').select(['criterion_code', 'decimals']).where('campaign_id', '=', campaignId).execute();
    expect(stored).toEqual([{ criterion_code: '8.1', decimals: 2 }]);

    // the next import shows the stored rounding; Hà Giang 2022 rounds 8.1 the same way, so nothing changes
    await check(page, HA_GIANG_TABLE);
    const next = await rounding(page);
    expect(next).toMatch(/Bảng này làm tròn 8\.1 đến 2 chữ số thập phân: in 7,78 cho tổng các mục con 7,7830/);
    expect(next).toContain('Đợt đánh giá hiện áp dụng: 8.1 làm tròn đến 2 chữ số thập phân.');
    expect(next).toContain('Lưu bảng này không đổi cách làm tròn của đợt.');

    // the 2023 table again, "round nothing": saving would stop rounding 8.1
    await check(page, TABLE_2023);
    await page.getByRole('radio', { name: 'Không làm tròn mục nào' }).check();
    await page.getByRole('button', { name: 'Kiểm tra lại với cách làm tròn này' }).click();
    await page.getByText('Khi lưu, đợt đánh giá sẽ đổi: 8.1 không làm tròn.', { exact: false }).waitFor();
    await expect(page.getByTestId('total-with-chosen').textContent()).resolves.toBe('đủ 4 chữ số thập phân: 88,0079');
    await page.close();
  });
});
