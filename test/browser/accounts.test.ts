import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';

describeBrowser('the accounts page: an admin adds a unit officer with their unit and changes the role', () => {
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
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai');
    await page.getByLabel('Thư điện tử').fill('cchc@snv.gov.vn');
    // the role defaults to unit officer: without a unit the form refuses
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByText('Cán bộ đơn vị phải thuộc một đơn vị: hãy chọn đơn vị').waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption(unitId);
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByText('cchc@snv.gov.vn').waitFor();
    const stored = await t.database.db.selectFrom('app_user').select(['role', 'unit_id', 'email']).where('username', '=', 'cb.snv').executeTakeFirstOrThrow();
    expect(stored).toEqual({ role: 'unit_officer', unit_id: unitId, email: 'cchc@snv.gov.vn' });
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
});
