import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchChromium, serveApp } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { freePort } from '../support/server-process';

/**
 * What a real browser sends: a page on another site that posts a form to the app is refused by the same-origin
 * check (Chromium sends that page's Origin), and the app's own page posts with its own Origin (also under the
 * app's Referrer-Policy: no-referrer) and gets through.
 */
describeBrowser('CSRF: a real browser\u2019s cross-site and same-origin posts', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let evil: Server;
  let evilOrigin: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    origin = await serveApp(t.app);
    // another site: 127.0.0.1 is another origin (and another site) than localhost
    const port = await freePort();
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><form method="POST" action="${origin}/api/auth/logout" enctype="text/plain"><input name="x" value="y"></form>
        <script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((ok) => evil.listen(port, '127.0.0.1', ok));
    evilOrigin = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => evil?.close(ok));
    await t?.close();
  });

  it('refuses the other site\u2019s form post and lets the app\u2019s own page log out', async () => {
    const sid = (await t.cookieFor('analyst')).slice('sid='.length);
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${sid}` } });
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sid', value: sid, url: origin, httpOnly: true, secure: true, sameSite: 'Lax' }]);
    const page = await context.newPage();

    const [forged] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${origin}/api/auth/logout`),
      page.goto(`${evilOrigin}/`),
    ]);
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe('csrf_origin');
    expect((await forged.request().allHeaders()).origin).toBe(evilOrigin);
    expect((await me()).statusCode).toBe(200);

    await page.goto(`${origin}/`);
    const [own, status] = await Promise.all([
      page.waitForRequest((r) => r.url() === `${origin}/api/auth/logout`),
      page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' })).status),
    ]);
    expect((await own.allHeaders()).origin).toBe(origin); // not absent, not "null": the check does see it
    expect(status).toBe(204);
    expect((await me()).statusCode).toBe(401);
    await context.close();
  });
});
