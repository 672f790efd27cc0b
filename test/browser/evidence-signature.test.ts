import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, logInAs, openBrowser, closeBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { signatureFixtures, type SignatureFixtures } from '../support/signed-pdf';
import { docxBytes } from '../api/evidence-scenario';
import { departmentCampaign } from '../support/department-campaign';

// Issue 13 in the browser: an officer's signed PDF shows "Ký số, CA chưa tin cậy" with the signer on click, a DOCX
// says its signature is not checked; the admin's panel says no root is trusted, takes the CA's PEM file, and the
// badge becomes "Ký số hợp lệ".

describeBrowser('signature badges on evidence and trusted roots — in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let fx: SignatureFixtures;
  let dir: string;
  const ids = { campaignId: '', unitId: '' };

  beforeAll(async () => {
    fx = await signatureFixtures();
    dir = mkdtempSync(join(tmpdir(), 'parindex-sig-browser-'));
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true', EVIDENCE_DIR: join(dir, 'evidence') });
    Object.assign(ids, await departmentCampaign(t.database.db, 'Cán bộ Sở'));
    const analyst = await t.cookieFor('analyst');
    const now = Date.now();
    const res = await t.app.inject({
      method: 'PUT', url: `/api/campaigns/${ids.campaignId}/assessment/phases`, headers: { cookie: analyst },
      payload: { phases: [{ phase: 'self_assessment', opensAt: new Date(now - 3600_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() }] },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
    ({ origin, browser } = await openBrowser(t));
  }, 120_000);
  afterAll(async () => {
    await closeBrowser(browser, t);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows each document’s signature status, the details on click, and follows the trusted roots', async () => {
    const pages: Page[] = [];
    const newPage = async () => {
      const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'vi-VN' })).newPage();
      page.setDefaultTimeout(20_000);
      pages.push(page);
      return page;
    };
    try {
      const officer = await newPage();
      await logInAs(officer, origin, 'stp-officer');
      await officer.getByRole('heading', { name: 'Sở Tư pháp' }).waitFor();
      await officer.locator('button[data-code="1.1.1"]').click();
      const panel = officer.getByTestId('leaf-panel');
      await panel.locator('input[type=file]').setInputFiles([
        { name: 'Kế hoạch ký số.pdf', mimeType: 'application/pdf', buffer: fx.pdfs.signed },
        { name: 'Báo cáo.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await docxBytes() },
        { name: 'Sửa sau khi ký.pdf', mimeType: 'application/pdf', buffer: fx.pdfs.appended },
      ]);
      const badgeOf = (name: string) => panel.locator('li', { hasText: name }).getByTestId('signature-badge');
      for (const name of ['Kế hoạch ký số.pdf', 'Báo cáo.docx', 'Sửa sau khi ký.pdf']) await badgeOf(name).waitFor({ timeout: 60_000 });
      expect(await badgeOf('Kế hoạch ký số.pdf').textContent()).toBe('Ký số, CA chưa tin cậy');
      expect(await badgeOf('Báo cáo.docx').textContent()).toBe('Không kiểm tra chữ ký');
      expect(await badgeOf('Sửa sau khi ký.pdf').textContent()).toBe('Sửa sau khi ký');

      await badgeOf('Kế hoạch ký số.pdf').click();
      const details = panel.getByRole('region', { name: /Chi tiết chữ ký số của «Kế hoạch ký số\.pdf»/ });
      await details.getByText('Nguyễn Văn An').waitFor();
      await details.getByText(/Sở Nội vụ tỉnh Ê A/).waitFor();
      await details.getByText(/không dẫn tới CA gốc được tin cậy/).waitFor();
      await badgeOf('Báo cáo.docx').click();
      await panel.getByText('Không kiểm tra chữ ký cho loại tệp này.').waitFor();
      await details.scrollIntoViewIfNeeded();
      await officer.screenshot({ path: 'test-results/evidence-signature-officer.png' });

      const admin = await newPage();
      await logInAs(admin, origin, 'test-admin');
      await admin.goto(`${origin}/campaigns/${ids.campaignId}/assessment`);
      const signaturePanel = admin.getByTestId('signature-panel');
      await signaturePanel.getByTestId('no-roots').waitFor();
      await signaturePanel.getByLabel(/Thêm chứng thư gốc/).setInputFiles({ name: 'root-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(fx.ca.pem) });
      await signaturePanel.getByText(/Đã thêm: .*ParIndex Test Root CA/).waitFor();
      await signaturePanel.getByRole('cell', { name: /ParIndex Test Root CA/ }).first().waitFor();
      await admin.screenshot({ path: 'test-results/evidence-signature-admin.png' });

      await officer.reload();
      await officer.locator('button[data-code="1.1.1"]').click();
      await officer.getByTestId('leaf-panel').locator('li', { hasText: 'Kế hoạch ký số.pdf' }).getByTestId('signature-badge').getByText('Ký số hợp lệ', { exact: true }).waitFor();
    } catch (err) {
      await Promise.all(pages.map((p, i) => p.screenshot({ path: `test-results/evidence-signature-failure-${i}.png`, fullPage: true }).catch(() => undefined)));
      throw err;
    }
  }, 240_000);
});
