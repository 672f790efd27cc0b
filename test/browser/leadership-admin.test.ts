import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { describeBrowser, launchChromium, serveApp } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

const SHOTS = 'test-results';

describeBrowser('an analyst sets up the leadership survey, imports respondents and sends invitations; the admin reads the outbox', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;

  beforeAll(async () => {
    // no SMTP_URL: e-mail goes to the in-app outbox; the background sender runs (every second)
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true', MAIL_SENDER_INTERVAL_MS: '500' });
    const db = t.database.db;
    const province = await createUnit(db, { code: 'HG', name: 'Tỉnh Hà Giang', parentId: null, kind: 'province', group: 'tinh' });
    await createUnit(db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id, kind: 'department', group: 'so-nganh' });
    const district = await createUnit(db, { code: 'BQ', name: 'Huyện Bắc Quang', parentId: province.id, kind: 'district', group: 'huyen' });
    const units = await db.selectFrom('unit').select('id').execute();
    const campaign = await createCampaign(db, {
      name: 'PAR INDEX 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: units.map((u) => u.id), previousCampaignId: null,
    });
    campaignId = campaign.id;
    expect(district.id).toBeTruthy();
    origin = await serveApp(t.app);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A browser context signed in as `role` (the session cookie made directly). */
  const signedIn = async (role: Role, width: number, height: number): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
    const sid = (await t.cookieFor(role)).replace(/^sid=/, '');
    await context.addCookies([{ name: 'sid', value: sid, url: origin, httpOnly: true, secure: true, sameSite: 'Lax' }]);
    return context;
  };

  it('set-up with a preview, CSV import with row errors then commit, invitations with progress, response rates', async () => {
    const context = await signedIn('analyst', 390, 844);
    const page = await context.newPage();

    await page.goto(`${origin}/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Thiết lập và gửi thư' }).click();
    await page.getByRole('heading', { level: 1, name: 'Điều tra lãnh đạo, quản lý' }).waitFor();
    await page.getByLabel('Hạn trả lời').fill('2030-12-31');
    await page.getByRole('button', { name: 'Xem trước' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('31/12/2030').first().waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/\/r\/x{22}/); // unsaved: rendered here with sample values
    await page.screenshot({ path: `${SHOTS}/leadership-admin-preview.png` });
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await page.getByText('Đã lưu thiết lập.').waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-admin-setup.png`, fullPage: true });

    await page.getByRole('link', { name: 'Người trả lời' }).click();
    const csv = page.getByLabel('Dán danh sách (CSV)');
    await csv.fill('họ tên,email,nhóm,đơn vị\nNguyễn Thị Hoa,hoa@hdnd.example.gov.vn,hdnd,\nTrần Văn Bình,binh@stp,so,STP\nLê Minh Châu,chau@bq.example.gov.vn,huyen,BQ\n');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Lỗi theo dòng').waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-admin-import-errors.png`, fullPage: true });
    expect(await t.database.db.selectFrom('respondent').select('id').execute()).toHaveLength(0);
    await csv.fill('họ tên,email,nhóm,đơn vị\nNguyễn Thị Hoa,hoa@hdnd.example.gov.vn,hdnd,\nTrần Văn Bình,binh@stp.example.gov.vn,so,STP\nLê Minh Châu,chau@bq.example.gov.vn,huyen,BQ\n');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByRole('button', { name: 'Lưu 3 người' }).click();
    await page.getByText('Đã lưu: thêm 3 người, cập nhật 0 người.').waitFor();
    await page.getByText('3 người').first().waitFor();
    await expect(page.getByText('Chưa mời').count()).resolves.toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SHOTS}/leadership-admin-respondents.png`, fullPage: true });

    await page.getByRole('link', { name: 'Gửi thư và theo dõi' }).click();
    await page.getByRole('button', { name: /Gửi lời mời/ }).click();
    await page.getByRole('dialog').getByText('Gửi thư mời đến 3 người chưa được mời?').waitFor();
    await page.getByRole('button', { name: 'Gửi 3 thư mời' }).click();
    await page.getByText('Đã xếp 3 thư mời vào hàng đợi.').waitFor();
    // the bar follows the background sender (polled every 2 s) until nothing waits
    await page.getByText('Không còn thư nào đang chờ gửi.').waitFor({ timeout: 30_000 });
    await page.getByText('Đã gửi 3 · lỗi 0 · đang chờ 0').waitFor();
    await expect.poll(() => page.getByTestId('response-rate').textContent(), { timeout: 10_000 }).toMatch(/0,00%/);
    await page.screenshot({ path: `${SHOTS}/leadership-admin-sending-phone.png`, fullPage: true });
    await context.close();

    const wide = await signedIn('analyst', 1280, 900);
    const desk = await wide.newPage();
    await desk.goto(`${origin}/campaigns/${campaignId}/leadership?tab=sending`);
    await desk.getByText('Đã gửi 3 · lỗi 0 · đang chờ 0').waitFor();
    await desk.locator('figure.chart svg').first().waitFor();
    await desk.screenshot({ path: `${SHOTS}/leadership-admin-sending-desktop.png`, fullPage: true });
    await desk.goto(`${origin}/campaigns/${campaignId}/leadership?tab=respondents`);
    await desk.locator('.badge', { hasText: 'Đã gửi' }).first().waitFor();
    await desk.screenshot({ path: `${SHOTS}/leadership-admin-respondents-desktop.png`, fullPage: true });
    await wide.close();
  });

  it('the admin reads the demo outbox, with clickable links; a supervisor sees the survey read-only', async () => {
    const admin = await signedIn('admin', 1280, 900);
    const page = await admin.newPage();
    await page.goto(`${origin}/mail-outbox`);
    await page.getByRole('heading', { level: 1, name: 'Hộp thư đi (demo)' }).waitFor();
    const links = page.locator('.mail__body a[href*="/r/"]');
    await expect.poll(() => links.count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/leadership-admin-outbox.png`, fullPage: true });
    await admin.close();

    const supervisor = await signedIn('supervisor', 390, 844);
    const view = await supervisor.newPage();
    await view.goto(`${origin}/campaigns/${campaignId}/leadership`);
    await view.getByText('Bạn chỉ có quyền xem.', { exact: false }).waitFor();
    expect(await view.getByRole('button', { name: 'Lưu thiết lập' }).count()).toBe(0);
    expect(await view.getByLabel('Hạn trả lời').isDisabled()).toBe(true);
    await view.goto(`${origin}/campaigns/${campaignId}/leadership?tab=sending`);
    await view.getByRole('heading', { name: 'Tỷ lệ trả lời' }).waitFor();
    expect(await view.getByRole('button', { name: /Gửi lời mời/ }).count()).toBe(0);
    await supervisor.close();
  });
});
