import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './app';
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

/** Logs in through the main app's login page, as a person would, and waits for the signed-in layout. */
export async function logInAs(page: Page, origin: string, username: string) {
  await page.goto(`${origin}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: /Đăng xuất/ }).waitFor();
}
