import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, logInAs, openBrowser, closeBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

// Any signed-in user changes their own password from the top bar's account link (issue 12 leftovers): the form of
// the forced change, checked in the page, then by the server; the old password no longer signs in, the new one does.
describeBrowser('a signed-in user changes their password from the top bar', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  const signIn = async (username: string, password: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin }, payload: { username, password } })).statusCode;

  for (const [role, viewport] of [['supervisor', { width: 1280, height: 800 }], ['appraiser', { width: 390, height: 844 }]] as const) {
    it(`${role} at ${viewport.width} px: account link → wrong current password refused → new password works`, async () => {
      const username = `test-${role}`;
      const page = await browser.newPage({ viewport, locale: 'vi-VN' });
      await logInAs(page, origin, username);
      await page.getByRole('link', { name: viewport.width < 640 ? 'Cá nhân' : /· / }).click();
      await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
      expect(page.url()).toBe(`${origin}/account`);

      // checked in the page
      await page.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-cu');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.getByText('Mật khẩu mới cần ít nhất 10 ký tự').waitFor();
      // checked by the server: the current password is wrong
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('doi-mat-khau-2026');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('doi-mat-khau-2026');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.getByRole('alert').filter({ hasText: /mật khẩu hiện tại/i }).waitFor();
      expect(await signIn(username, 'doi-mat-khau-2026')).toBe(401);

      await page.getByLabel('Mật khẩu hiện tại').fill('correct-horse-battery-staple');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.getByText('Đã đổi mật khẩu').waitFor();
      await page.screenshot({ path: `test-results/account-password-${viewport.width}.png`, fullPage: true });
      await expect(page.getByLabel('Mật khẩu mới', { exact: true }).inputValue()).resolves.toBe('');
      // this session continues; the old password no longer signs in, the new one does
      await page.getByRole('button', { name: /Đăng xuất/ }).waitFor();
      expect(await signIn(username, 'correct-horse-battery-staple')).toBe(401);
      expect(await signIn(username, 'doi-mat-khau-2026')).toBe(200);
      await page.close();
    });
  }
});
