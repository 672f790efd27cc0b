import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../server/db/schema';
import { describeBrowser, openBrowser, closeBrowser, signedInContext, SHOTS } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';

// The office side of SIPAS fieldwork in the main web app (web/features/fieldwork-setup, review, recheck,
// fieldwork-dashboard), on a phone-sized screen, in Vietnamese.
describeBrowser('fieldwork office screens: set-up, review, re-check, outbox upload', () => {
  let t: TestApp;
  let s: FieldworkScenario;
  let browser: Browser;
  let origin: string;
  const forms: Record<'normal' | 'fast' | 'paper', { clientUuid: string; formId: string }> = {} as never;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: the bodies are checked by the expectations
  const api = async (role: Role, method: 'GET' | 'POST', url: string, payload?: object): Promise<any> => {
    const res = await t.app.inject({ method, url, headers: { cookie: await t.cookieFor(role) }, ...(payload === undefined ? {} : { payload }) });
    return res.json();
  };

  /** A page signed in as `role` (the session cookie is set directly). */
  async function pageAs(role: Role): Promise<{ context: BrowserContext; page: Page }> {
    const context = await signedInContext(browser, t, origin, role, { viewport: { width: 390, height: 844 }, acceptDownloads: true });
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    t = await startTestApp('pglite');
    s = await fieldworkScenario(t);
    const normal = envelope(s);
    const fast = envelope(s, {}, { startedAt: new Date(Date.now() - 60_000).toISOString() });
    const paper = envelope(s, { mode: 'paper', paperSerial: 'HG-001' });
    const { receipts } = await api('enumerator', 'POST', '/api/fieldwork/submissions', { forms: [normal, fast, paper] });
    forms.normal = { clientUuid: normal.clientUuid, formId: receipts[0].formId };
    forms.fast = { clientUuid: fast.clientUuid, formId: receipts[1].formId };
    forms.paper = { clientUuid: paper.clientUuid, formId: receipts[2].formId };
    for (const f of [forms.normal, forms.paper]) await api('supervisor', 'POST', `/api/fieldwork/forms/${f.formId}/decision`, { action: 'accept' });
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  it('analyst: saves quotas at once; a CSV is checked row by row before anything is stored; passwords are shown once, with a CSV download', async () => {
    const { context, page } = await pageAs('analyst');
    await page.goto(`${origin}/campaigns/${s.campaignId}/fieldwork`);
    // a level quota is a part of the unit's total (issue 12, point 6): more than "Tất cả" is refused in the form,
    // and "Cộng" is the unit's total — "Tất cả" when set (3, not 5 + 3), else the levels added up (Bắc Quang: 2)
    await page.getByLabel('Thành phố Hà Giang — Cấp tỉnh').fill('5');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Các cấp cộng lại nhiều hơn chỉ tiêu chung (ô “Tất cả”)').waitFor();
    expect(await page.getByTestId('quota-total-FW-A').textContent()).toBe('3');
    expect(await page.getByTestId('quota-total-FW-B').textContent()).toBe('2');
    await page.screenshot({ path: `${SHOTS}/fieldwork-quotas-over-total.png`, fullPage: true });
    await page.getByLabel('Thành phố Hà Giang — Cấp tỉnh').fill('2');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Đã lưu chỉ tiêu.').waitFor();
    expect(await page.getByTestId('quota-total-FW-A').textContent()).toBe('3');
    const setup = await api('analyst', 'GET', `/api/campaigns/${s.campaignId}/fieldwork`);
    expect(setup.quotas).toContainEqual({ unitId: s.unitA, level: 'province', target: 2 });
    expect(setup.quotas).toContainEqual({ unitId: s.unitA, level: 'all', target: 3 });

    const csv = 'tên đăng nhập,họ tên,điện thoại,đơn vị,giám sát\ndtv-lan,Trần Thị Lan,0912000001,FW-A;FW-B,test-supervisor\ndtv-duc,Phạm Văn Đức,0912000002,KHONG-CO,\n';
    await page.getByLabel('Danh sách điều tra viên (CSV)').fill(csv);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Lỗi theo dòng').waitFor();
    await expect(page.getByText(/KHONG-CO/).first().isVisible()).resolves.toBe(true);
    expect(await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'dtv-lan').execute()).toHaveLength(0);
    await page.screenshot({ path: `${SHOTS}/fieldwork-csv-errors.png`, fullPage: true });

    await page.getByLabel('Danh sách điều tra viên (CSV)').fill(csv.replace('KHONG-CO', 'FW-A'));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByRole('button', { name: 'Lưu 2 tài khoản' }).click();
    await page.getByText('Mật khẩu chỉ hiển thị một lần').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải danh sách (CSV)' }).click()]);
    const file = `${SHOTS}/fieldwork-accounts.csv`;
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf'); // UTF-8 BOM, for Excel
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('tên đăng nhập,họ tên,mật khẩu');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['dtv-duc', 'dtv-lan']);
    const password = lines[1]?.split(',')[2] ?? '';
    expect(password.length).toBeGreaterThan(8);
    await expect(page.getByText(password).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/fieldwork-accounts.png`, fullPage: true });
    await page.getByRole('button', { name: 'Đã lưu mật khẩu, đóng' }).click();
    await expect(page.getByText(password).count()).resolves.toBe(0); // never shown again
    expect(await t.database.db.selectFrom('app_user').select('id').where('username', 'in', ['dtv-lan', 'dtv-duc']).execute()).toHaveLength(2);
    await context.close();
  });

  it('supervisor: filters the queue, opens a flagged form with its labelled answers, and returns it with a reason', async () => {
    const { context, page } = await pageAs('supervisor');
    await page.goto(`${origin}/campaigns/${s.campaignId}/review`);
    await page.getByLabel('Cờ cảnh báo').selectOption('too_fast');
    await page.waitForURL(/flag=too_fast/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.locator('tbody tr a').first().click();
    await page.getByText('Phỏng vấn quá nhanh').first().waitFor();
    // question labels come from the questionnaire definition (survey-forms)
    await page.getByText('Thông tin về thủ tục hành chính đã thực hiện').waitFor();

    await page.getByRole('button', { name: /Trả lại/ }).click();
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText('Hãy ghi lý do').waitFor(); // a reason is required
    await page.getByLabel('Lý do').fill('Phỏng vấn quá ngắn, đề nghị gặp lại người trả lời.');
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText('Đã trả lại phiếu cho điều tra viên.').waitFor();
    await page.getByText('Trả lại điều tra viên').first().waitFor(); // the event history
    await page.screenshot({ path: `${SHOTS}/fieldwork-form-returned.png`, fullPage: true });
    const detail = await api('supervisor', 'GET', `/api/fieldwork/forms/${forms.fast.formId}`);
    expect(detail.form.status).toBe('returned');

    await page.getByRole('link', { name: /Duyệt phiếu/ }).first().click();
    await page.waitForURL(/review\?flag=too_fast/); // back to the same filters
    await context.close();
  });

  it('supervisor: draws a re-check sample with a shown seed; a discrepancy reopens the form', async () => {
    const { context, page } = await pageAs('supervisor');
    await page.goto(`${origin}/campaigns/${s.campaignId}/rechecks`);
    expect(await page.getByLabel('Hạt giống ngẫu nhiên').inputValue()).toMatch(/^\d+$/);
    await page.getByLabel('Tỷ lệ rút (%)').fill('100');
    await page.getByRole('button', { name: 'Rút mẫu' }).click();
    await page.getByText(/Đã rút 2 phiếu/).waitFor();
    const card = page.locator('article.recheck').filter({ hasText: 'HG-001' });
    await card.getByLabel('Ghi chú').fill('Người trả lời nói chưa từng làm thủ tục này.');
    await card.getByRole('button', { name: 'Có sai lệch' }).click();
    await page.getByText('Phiếu có sai lệch đã được mở lại').waitFor();
    await page.screenshot({ path: `${SHOTS}/fieldwork-rechecks.png`, fullPage: true });
    const detail = await api('supervisor', 'GET', `/api/fieldwork/forms/${forms.paper.formId}`);
    expect(detail.form.status).toBe('pending');
    await context.close();
  });

  it('supervisor: uploads an exported outbox file, 50 forms per request, and sees a receipt per form', async () => {
    const { context, page } = await pageAs('supervisor');
    const posts: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/fieldwork/submissions')) posts.push((JSON.parse(r.postData() ?? '{}').forms ?? []).length);
    });
    const fresh = Array.from({ length: 60 }, () => ({ ...envelope(s, { unitId: s.unitB }), enumeratorId: s.enumerator1 }));
    const file = {
      format: 'parindex-outbox',
      version: 1,
      exportedAt: new Date().toISOString(),
      enumeratorId: s.enumerator1,
      deviceId: 'test-device',
      forms: [...fresh, { ...envelope(s), clientUuid: forms.normal.clientUuid }, { clientUuid: randomUUID(), broken: true }],
    };
    await page.goto(`${origin}/campaigns/${s.campaignId}/review`);
    await page.getByRole('button', { name: 'Tải lên tệp phiếu' }).click();
    await page.locator('input[type=file][accept*=json]').setInputFiles({ name: 'outbox.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByText('1 phiếu sai cấu trúc, sẽ không được gửi').waitFor();
    await page.getByRole('button', { name: 'Gửi 61 phiếu' }).click();
    await page.getByText('Đã gửi xong').waitFor();
    await page.getByText('Lưu mới: 60 · Đã có từ trước: 1 · Bị từ chối: 0').waitFor();
    expect(posts).toEqual([50, 11]);
    await page.screenshot({ path: `${SHOTS}/fieldwork-outbox.png` });
    await context.close();
  });

  it('the dashboard shows progress per unit and per enumerator', async () => {
    const { context, page } = await pageAs('analyst');
    await page.goto(`${origin}/campaigns/${s.campaignId}/fieldwork/dashboard`);
    await page.getByRole('heading', { name: 'Theo đơn vị', exact: true }).waitFor();
    await page.locator('figure.chart svg').first().waitFor();
    await expect(page.locator('tbody tr').filter({ hasText: 'Huyện Bắc Quang' }).first().textContent()).resolves.toMatch(/60/);
    // per-level progress beside the unit's total (the same figures as the phone's "Cấp huyện 60/2")
    expect(await page.getByTestId(`levels-${s.unitB}`).textContent()).toBe('Cấp huyện 60/2');
    expect(await page.getByTestId(`levels-${s.unitA}`).textContent()).toMatch(/^Cấp tỉnh \d+\/2$/);
    // the chart too: a row per level quota under its unit, the tooltip naming both (a label wraps into lines on a
    // phone, one <tspan> each, and a long name is shortened: compared without spaces)
    const chart = page.locator('figure.chart');
    const tickValues = chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    const districtLevel = tickValues.filter({ hasText: /^·\s*Cấp\s*huyện$/ });
    await districtLevel.waitFor();
    const ticks = (await tickValues.allTextContents()).map((tick) => tick.replace(/\s+/g, ''));
    expect(ticks).toHaveLength(4); // two units, one level quota each
    expect(ticks[ticks.findIndex((tick) => tick.startsWith('HuyệnBắc')) + 1]).toBe('·Cấphuyện');
    expect(ticks).toContain('·Cấptỉnh');
    await chart.scrollIntoViewIfNeeded();
    const levelTick = await districtLevel.boundingBox();
    const plot = await chart.locator('.recharts-cartesian-grid').boundingBox();
    await page.mouse.move(plot!.x + plot!.width / 2, levelTick!.y + levelTick!.height / 2);
    const tooltip = chart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.textContent()).toMatch(/^Huyện Bắc Quang — Cấp huyện\s*Chỉ tiêu : 2\s*Đã thu : 60\s*Đã chấp nhận : \d+$/);
    await page.screenshot({ path: `${SHOTS}/fieldwork-dashboard.png`, fullPage: true });
    await context.close();
  });

  it('an enumerator who opens the main app is sent to /enumerator/', async () => {
    const { context, page } = await pageAs('enumerator');
    await page.goto(`${origin}/campaigns`);
    await page.waitForURL(/\/enumerator\/$/);
    await context.close();
  });
});
