import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { describeBrowser, openBrowser, closeBrowser, signedInContext, SHOTS } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { formatDateTime } from '../../web/shared/format/dates';

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
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  /** A browser context signed in as `role` (the session cookie made directly). */
  const signedIn = (role: Role, width: number, height: number): Promise<BrowserContext> =>
    signedInContext(browser, t, origin, role, { viewport: { width, height } });

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

    // the campaign is still a draft: nothing can be sent, the page says why and what to do (issue 12, point 10)
    await page.getByRole('link', { name: 'Gửi thư và theo dõi' }).click();
    await page.getByText('Đợt đánh giá đang ở trạng thái Nháp: chưa gửi được thư').waitFor();
    expect(await page.getByRole('button', { name: /Gửi lời mời/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/leadership-admin-draft-phone.png`, fullPage: true });
    await page.getByRole('link', { name: 'Mở trang đợt đánh giá để đổi trạng thái' }).click();
    await page.getByLabel('Trạng thái của đợt').selectOption('fieldwork');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(async () => (await t.database.db.selectFrom('campaign').select('status').where('id', '=', campaignId).executeTakeFirstOrThrow()).status).toBe('fieldwork');
    await page.goto(`${origin}/campaigns/${campaignId}/leadership?tab=sending`);
    await page.getByRole('button', { name: /Gửi lời mời/ }).click();
    await page.getByRole('dialog').getByText('Gửi thư mời đến 3 người chưa được mời?').waitFor();
    await page.getByRole('button', { name: 'Gửi 3 thư mời' }).click();
    await page.getByText('Đã xếp 3 thư mời vào hàng đợi.').waitFor();
    // the bar follows the background sender (polled every 2 s) until nothing waits
    await page.getByText('Không còn thư nào đang chờ gửi.').waitFor({ timeout: 30_000 });
    await page.getByText('Đã gửi 3 · lỗi 0 · đang chờ 0').waitFor();
    await expect.poll(() => page.getByTestId('response-rate').textContent(), { timeout: 10_000 }).toMatch(/0,00%/);
    // reminders: none yet, and the page says when the next can go — the invitation's time plus 3 days (the rule)
    const firstSent = await t.database.db.selectFrom('mail_message').select((eb) => eb.fn.min('sent_at').as('t')).executeTakeFirstOrThrow();
    const next = formatDateTime(new Date(new Date(firstSent.t as unknown as string).getTime() + 3 * 86400_000).toISOString(), 'vi');
    const schedule = page.getByTestId('reminder-schedule');
    await expect.poll(() => schedule.textContent(), { timeout: 10_000 }).toContain('Lúc này chưa có ai cần nhắc.');
    expect(await schedule.textContent()).toContain(`Lần nhắc tiếp theo: từ ${next} (3 người trong vòng một giờ sau đó).`);
    expect(await page.getByRole('button', { name: /Gửi nhắc nhở/ }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('next-reminder').count()).toBe(3);
    expect((await page.getByTestId('next-reminder').allTextContents()).every((x) => x.startsWith('nhắc tiếp từ '))).toBe(true);
    expect(await page.getByRole('button', { name: /Nhắc sớm/ }).count()).toBe(0); // an analyst: no early reminders
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

  it('the admin reminds early before the deadline, after a confirmation; the analyst\'s count matches what is sent', async () => {
    // a day passes: under 3 days, so the rule says "not yet"; over 12 hours, so an early reminder may go
    await t.database.db.updateTable('mail_message').set({ sent_at: new Date(Date.now() - 86400_000) }).where('status', '=', 'sent').execute();
    const admin = await signedIn('admin', 1280, 900);
    const page = await admin.newPage();
    await page.goto(`${origin}/campaigns/${campaignId}/leadership?tab=sending`);
    const early = page.getByRole('button', { name: /Nhắc sớm trước hạn/ });
    await early.waitFor();
    expect(await page.getByRole('button', { name: /Gửi nhắc nhở/ }).isDisabled()).toBe(true);
    expect((await early.textContent())?.trim()).toMatch(/3$/);
    await early.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Gửi thư nhắc ngay đến 3 người chưa trả lời, trong đó 3 người chưa đủ 3 ngày/).waitFor();
    await dialog.getByText('sắp đến hạn 31/12/2030', { exact: false }).waitFor();
    await dialog.getByText('được ghi vào nhật ký', { exact: false }).waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-admin-early-reminder.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Gửi 3 thư nhắc sớm' }).click();
    await page.getByText('Đã xếp 3 thư nhắc vào hàng đợi.').waitFor();
    const audit = await t.database.db.selectFrom('audit_log').select(['user_id', 'action']).where('action', '=', 'reminders_before_gap').execute();
    expect(audit).toEqual([{ user_id: t.users.admin.id, action: 'reminders_before_gap' }]);
    // sent in the background; then nobody can have another within 12 hours, and the page says from when
    await page.getByText('Đã gửi 6 · lỗi 0 · đang chờ 0').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByText(/Chưa nhắc sớm được: thư gần nhất của những người còn lại mới gửi chưa đủ 12 giờ/).waitFor();
    expect(await early.isDisabled()).toBe(true);
    await admin.close();
  });

  it('the admin reads the demo outbox, with clickable links; a supervisor sees the survey read-only', async () => {
    const admin = await signedIn('admin', 1280, 900);
    const page = await admin.newPage();
    await page.goto(`${origin}/mail-outbox`);
    await page.getByRole('heading', { level: 1, name: 'Hộp thư đi (demo)' }).waitFor();
    const links = page.locator('.mail__body a[href*="/r/"]');
    await expect.poll(() => links.count()).toBe(6); // 3 invitations, 3 reminders
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
