import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueInvitations } from '../../server/features/leadership/sending.service';
import { describeBrowser, openBrowser, closeBrowser, signedInContext } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { leadershipScenario, linkIn } from '../support/leadership';
import { startSmtp, type TestSmtp } from '../support/smtp';

describeBrowser('the admin sees e-mails that may or may not have arrived and resends them with a new link in one click', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true', SMTP_URL: smtp.url });
    ({ campaignId } = await leadershipScenario(t, 2));
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(async () => {
    await closeBrowser(browser, t);
    await smtp?.close();
  });

  it('lists the uncertain invitation, resends it, and the old link stops working', async () => {
    const lost = 'nguoi1@so-noivu.example.gov.vn';
    smtp.dropAfterData.add(lost); // the message arrives, the connection breaks before the server's reply
    await queueInvitations(t.database.db, campaignId);
    await t.app.mailer.sendNow();
    smtp.dropAfterData.delete(lost);
    const old = linkIn(smtp.received.find((m) => m.to === lost)!.text)!;

    const context = await signedInContext(browser, t, origin, 'analyst', { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${origin}/campaigns/${campaignId}/leadership?tab=sending`);
    const section = page.getByRole('region', { name: 'Thư không rõ đã đến hay chưa' });
    await section.getByText(lost).waitFor();
    await page.getByText('1 thư không rõ đã đến hay chưa', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Gửi lại 1 thư với đường dẫn mới' }).click();
    await page.getByText('Đã xếp 1 thư mời mới vào hàng chờ; đường dẫn cũ không còn dùng được.').waitFor();
    await page.screenshot({ path: 'test-results/leadership-admin-uncertain.png', fullPage: true });
    await context.close();

    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${old}` })).statusCode).toBe(404);
    await t.app.mailer.sendNow();
    const mails = smtp.received.filter((m) => m.to === lost);
    expect(mails).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${linkIn(mails[1]!.text)}` })).statusCode).toBe(200);
  });
});
