import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';

describeBrowser('the accounts page: an admin adds a unit officer with their unit and changes the role; the person sets their own password', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const province = await createUnit(t.database.db, { code: 'T', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    unitId = (await createUnit(t.database.db, { code: 'T-SNV', name: 'Sở Nội vụ', parentId: province.id, kind: 'department', group: null })).id;
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('requires the unit of a unit officer, stores it with the e-mail, and drops it when the role changes', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await logInAs(page, origin, 'test-admin');
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.waitForURL('**/users');
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập').fill('cb.snv');
    await page.getByLabel('Họ tên').fill('Cán bộ CCHC Sở Nội vụ');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-du-dai');
    // the admin chose this password: by default the person must set their own at the first sign-in
    expect(await page.getByLabel('Yêu cầu người dùng đổi mật khẩu khi đăng nhập').isChecked()).toBe(true);
    await page.getByLabel('Thư điện tử').fill('cchc@snv.gov.vn');
    // the role defaults to unit officer: without a unit the form refuses
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByText('Cán bộ đơn vị phải thuộc một đơn vị: hãy chọn đơn vị').waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption(unitId);
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByText('cchc@snv.gov.vn').waitFor();
    const stored = await t.database.db.selectFrom('app_user').select(['role', 'unit_id', 'email', 'must_change_password']).where('username', '=', 'cb.snv').executeTakeFirstOrThrow();
    expect(stored).toEqual({ role: 'unit_officer', unit_id: unitId, email: 'cchc@snv.gov.vn', must_change_password: true });
    await page.getByText('Phải đổi mật khẩu').waitFor();
    await page.screenshot({ path: 'test-results/accounts-390.png', fullPage: true });

    await page.getByRole('button', { name: 'Sửa tài khoản cb.snv' }).click();
    await page.getByLabel('Vai trò').selectOption('appraiser');
    await expect(page.getByLabel('Đơn vị', { exact: true }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: 'Sửa tài khoản cb.snv' }).waitFor({ state: 'detached' });
    const changed = await t.database.db.selectFrom('app_user').select(['role', 'unit_id']).where('username', '=', 'cb.snv').executeTakeFirstOrThrow();
    expect(changed).toEqual({ role: 'appraiser', unit_id: null });
    await context.close();
  });

  it('the new account signs in with the admin\'s password and must set its own before anything else', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.getByLabel('Tên đăng nhập').fill('cb.snv');
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }).waitFor();
    await page.getByText('Tài khoản cb.snv cần mật khẩu của riêng bạn').waitFor();
    expect(await page.getByRole('link', { name: 'Tài khoản' }).count()).toBe(0); // no menu, no page behind it

    // simple checks in the form, before anything is sent
    await page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-du-dai');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-du-dai');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-du-dai');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('Mật khẩu mới phải khác mật khẩu hiện tại').waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('hoa-ban-trang-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('hoa-ban-trang-2025');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('Hai lần nhập mật khẩu mới không giống nhau').waitFor();
    // a wrong current password: the server's message
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('hoa-ban-trang-2026');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng.', { exact: false }).waitFor();
    await page.screenshot({ path: 'test-results/password-change-390.png', fullPage: true });
    await page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-du-dai');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    // then the app, with its menu
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor({ state: 'detached' });
    await page.getByRole('banner').getByRole('button', { name: /Đăng xuất/ }).waitFor();
    const after = await t.database.db.selectFrom('app_user').select('must_change_password').where('username', '=', 'cb.snv').executeTakeFirstOrThrow();
    expect(after.must_change_password).toBe(false);
    await context.close();
  });
});
