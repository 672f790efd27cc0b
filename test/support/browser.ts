import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Role } from '../../server/db/schema';
import { TEST_PASSWORD, type TestApp } from './app';
import { describe, it } from 'vitest';
import { testConfig } from './test-config';

/**
 * A browser suite: runs when Debian's Chromium is installed; under CI=true its absence fails the run,
 * elsewhere the suite is skipped and says why.
 */
export function describeBrowser(name: string, body: () => void) {
  if (testConfig.chromiumInstalled) {
    describe(name, body);
  } else if (testConfig.ci) {
    describe(name, () => {
      it('needs Chromium under CI', () => {
        throw new Error(`CI=true but ${testConfig.chromiumPath} is missing: .ci/run must install Debian's chromium.`);
      });
    });
  } else {
    describe.skip(`${name} — SKIPPED: ${testConfig.chromiumPath} not installed (apt-get install -y chromium)`, body);
  }
}

/** Headless Debian Chromium with the flags that work on this machine's closed network (Playwright gives each launch a fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testConfig.chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Serves the test app on its configured port (startTestApp picks a free one) and returns its origin
 * (http://localhost:…, where Secure cookies work) — the app's PUBLIC_URL, so the CSRF check lets its pages post.
 */
export async function serveApp(app: FastifyInstance): Promise<string> {
  await app.listen({ port: app.config.port, host: '127.0.0.1' });
  const origin = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  if (!app.config.allowedOrigins.includes(origin)) throw new Error(`serveApp: ${origin} is not the app's PUBLIC_URL (${app.config.mail.publicUrl})`);
  return origin;
}

/** Where browser tests put their screenshots. */
export const SHOTS = 'test-results';

/** A browser suite's set-up: serves the test app, launches Chromium, makes the screenshot folder. */
export async function openBrowser(t: TestApp): Promise<{ origin: string; browser: Browser }> {
  const origin = await serveApp(t.app);
  const browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  return { origin, browser };
}

/** A browser suite's tear-down (either may be missing when the set-up failed half way). */
export async function closeBrowser(browser: Browser | undefined, t: TestApp | undefined) {
  await browser?.close();
  await t?.close();
}

/** A Vietnamese browser context signed in as `role`: the session cookie made directly and set as the app sets it (no login round trip). */
export async function signedInContext(browser: Browser, t: TestApp, origin: string, role: Role, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  const cookie = await t.cookieFor(role);
  const at = cookie.indexOf('=');
  await context.addCookies([
    { name: cookie.slice(0, at), value: cookie.slice(at + 1), url: origin, httpOnly: true, secure: t.config.cookieSecure, sameSite: 'Lax' },
  ]);
  return context;
}

/** Fills and sends a login form (the main app's or the enumerator app's: the same labels), as a person would. */
async function submitLogin(page: Page, username: string, password: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Logs in through the main app's login page, as a person would, and waits for the signed-in layout. */
export async function logInAs(page: Page, origin: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${origin}/`);
  await submitLogin(page, username, password);
  await page.getByRole('button', { name: /Đăng xuất/ }).waitFor();
}

/** Opens the enumerator app and signs in (what comes next — units, a new password — is the caller's to wait for). */
export async function logInToEnumerator(page: Page, origin: string, username = 'test-enumerator', password = TEST_PASSWORD) {
  await page.goto(`${origin}/enumerator/`);
  await submitLogin(page, username, password);
}
