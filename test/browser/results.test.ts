import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { trendScenario, type TrendScenario } from '../support/result-trends';
import { leadershipAnswers, leadershipScenario } from '../support/leadership';
import { indicesOf, linksFor } from '../support/leadership-links';

describeBrowser('the results page: SIPAS figures, response rates and the trend over the years', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let s: TrendScenario;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    s = await trendScenario(t); // 2024 → 2025; unit A 80 → 90 points, B 70 → 75; A 2 of 3 accepted, B 1 of 2
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the accepted forms, the response rates with a decimal comma and a line chart of the two years', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${s.campaignId}/results`);
    const main = page.locator('main');

    // SIPAS: the three accepted forms are counted
    await page.getByRole('heading', { name: 'Chỉ số hài lòng SIPAS' }).waitFor();
    await page.getByText('3 phiếu đã duyệt được tính').waitFor();

    // response rates: overall, per unit in the table beside the bars, and the leadership survey not sent yet
    const rates = page.locator('section[aria-labelledby="results-rates"]');
    await rates.getByRole('heading', { name: 'Tỷ lệ phản hồi' }).waitFor();
    await expect(page.getByTestId('rates-sipas-overall').textContent()).resolves.toBe('Tỷ lệ phản hồi chung: 60,00% (3 phiếu đã duyệt / chỉ tiêu 5 phiếu).');
    const rowA = rates.getByRole('row').filter({ hasText: 'Thành phố Hà Giang' });
    await expect(rowA.textContent()).resolves.toMatch(/Thành phố Hà Giang.*2.*4.*3.*66,67%/);
    await expect(rates.getByRole('row').filter({ hasText: 'Huyện Bắc Quang' }).textContent()).resolves.toMatch(/1.*1.*2.*50,00%/);
    await expect.poll(() => rates.locator('figure.chart .recharts-bar-rectangle').count()).toBe(2);
    await expect(rates.locator('figure.chart').first().textContent()).resolves.toContain('66,7%');
    await expect(rates.textContent()).resolves.toContain('Chưa gửi thư mời khảo sát lãnh đạo, quản lý nào trong đợt này.');

    // trend: an svg with one line per series over two years, and the figures in the table beside it
    const trend = page.locator('section[aria-labelledby="results-trend"]');
    await trend.getByRole('heading', { name: 'Xu hướng qua các năm' }).waitFor();
    const chart = page.getByTestId('trend-chart');
    await expect.poll(() => chart.locator('svg .recharts-line path.recharts-curve').count()).toBe(4);
    await expect.poll(() => chart.locator('svg .recharts-line-dot, svg .recharts-line-dots circle').count()).toBeGreaterThanOrEqual(8);
    await expect(chart.textContent()).resolves.toMatch(/2024.*2025/);
    await expect(trend.getByRole('row').filter({ hasText: 'PAR INDEX 2024' }).textContent()).resolves.toContain('80,00 / 100,00');
    await expect(trend.getByRole('row').filter({ hasText: 'SIPAS thử' }).textContent()).resolves.toContain('90,00 / 100,00');

    // another unit
    await trend.getByLabel('Đơn vị').selectOption({ label: 'Huyện Bắc Quang' });
    await expect.poll(() => trend.getByRole('row').filter({ hasText: 'PAR INDEX 2024' }).textContent()).toContain('70,00 / 100,00');
    await expect(trend.getByRole('row').filter({ hasText: 'SIPAS thử' }).textContent()).resolves.toContain('75,00 / 100,00');
    await expect(main.textContent()).resolves.not.toMatch(/\d\.\d\d%/); // no decimal point in Vietnamese

    // issue 12: the label says what weighting produced the figures; unit × level is disabled with its reason
    // (no population by level entered); an option that fails keeps the last results under its error
    await expect(page.getByTestId('weighting-label').textContent()).resolves.toBe('Không trọng số (trọng số bằng nhau)');
    await expect(page.locator('#weighting-strata option[value="unit_level"]').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('strata-unavailable').textContent()).resolves.toContain('Tầng đơn vị × cấp chưa dùng được');
    await page.getByText('Trọng số', { exact: true }).click();
    await page.locator('#weighting-calibration').selectOption('rake');
    await page.getByRole('button', { name: 'Tính lại' }).click();
    await page.getByText('Chưa có biên để hiệu chỉnh').waitFor();
    await page.getByText('Đang hiển thị kết quả tính lần trước').waitFor();
    await expect(page.getByText('3 phiếu đã duyệt được tính').isVisible()).resolves.toBe(true);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/results-trends.png', fullPage: true });
    await context.close();
  });

  it('explains an answered leadership sheet that waits in the anonymity pool (issue 12)', async () => {
    const { campaignId } = await leadershipScenario(t, 8, '-BR');
    const tokens = await linksFor(t.database.db, campaignId);
    const res = await t.app.inject({ method: 'POST', url: `/api/respond/${tokens[indicesOf('so', 1)[0]!]}`, payload: { answers: leadershipAnswers(1) } });
    expect(res.statusCode, res.body).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/campaigns/${campaignId}/results`);
    const section = page.locator('section[aria-labelledby="results-leadership"]');
    await section.getByText('0 phiếu trả lời').waitFor();
    await section.getByText('1 phiếu đã trả lời đang chờ trong vùng ẩn danh: kết quả chỉ được tính khi mỗi nhóm có ít nhất 5 phiếu (hoặc khi đóng đợt).').waitFor();
    await expect(section.textContent()).resolves.toContain('Đang chờ theo nhóm: Lãnh đạo sở, ban, ngành 1');
    await context.close();
  });
});
