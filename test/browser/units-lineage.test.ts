import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, serveApp, logInAs } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';
import { axeViolations, formatViolations, seriousOrCritical } from '../support/axe';

const BROKEN = [
  'Mã ĐVHC,Tên đơn vị,Loại,Mã cha,Nhóm,Hiệu lực từ',
  '95,Tỉnh Sau Sắp Xếp,tỉnh,,,01/07/2025',
  '95001,Xã Hợp Nhất,xã,96,xa,01/07/2025',
].join('\n');
const FIXED = BROKEN.replace('95001,Xã Hợp Nhất,xã,96,', '95001,Xã Hợp Nhất,xã,95,');

describeBrowser('units page (issue 14): import a unit tree, record a merger', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const db = t.database.db;
    const province = await createUnit(db, { code: 'T', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    await createUnit(db, { code: 'XA', name: 'Xã An', parentId: province.id, kind: 'commune', group: 'xa' });
    await createUnit(db, { code: 'XB', name: 'Xã Bình', parentId: province.id, kind: 'commune', group: 'xa' });
    origin = await serveApp(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows each problem with its row and the column as written, stores nothing; then imports the corrected tree; then records a merger that is listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/units`);
    await page.getByRole('button', { name: 'Nhập cây đơn vị từ tệp' }).click();
    await page.getByLabel('Dán bảng (CSV) hoặc chọn tệp').fill(BROKEN);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const problems = page.getByRole('table').filter({ hasText: 'Mã cha' });
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('Dòng 3, cột Mã cha: không có đơn vị mã 96 trong tệp hoặc trong danh mục.');
    expect(await page.getByRole('button', { name: /^Nhập \d+ đơn vị$/ }).isDisabled()).toBe(true);
    expect(await t.database.db.selectFrom('unit').select('id').where('code', '=', '95').execute()).toHaveLength(0);

    await page.getByLabel('Dán bảng (CSV) hoặc chọn tệp').fill(FIXED);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Không có lỗi: 2 đơn vị sẵn sàng để nhập.').waitFor();
    await page.getByRole('button', { name: 'Nhập 2 đơn vị' }).click();
    await page.getByText('Xã Hợp Nhất').first().waitFor();
    expect(await t.database.db.selectFrom('unit').select('valid_from').where('code', '=', '95001').executeTakeFirst()).toEqual({ valid_from: '2025-07-01' });

    await page.getByRole('button', { name: 'Ghi nhận sự kiện' }).click();
    await page.getByLabel('Ngày hiệu lực').fill('2025-07-01');
    await page.locator('#lineage-from-0').selectOption({ label: 'XA — Xã An' });
    await page.locator('#lineage-from-0-share').fill('12000');
    await page.locator('#lineage-from-1').selectOption({ label: 'XB — Xã Bình' });
    await page.locator('#lineage-from-1-share').fill('8000');
    await page.locator('#lineage-to-0').selectOption({ label: '95001 — Xã Hợp Nhất' });
    await page.getByRole('button', { name: 'Lưu sự kiện' }).click();
    const events = page.getByRole('table').filter({ hasText: 'Sáp nhập' });
    await events.waitFor();
    const row = await events.textContent();
    expect(row).toContain('Xã An (12.000)');
    expect(row).toContain('Xã Bình (8.000)');
    expect(row).toContain('Xã Hợp Nhất');
    expect(row).toContain('01/07/2025');
    const stored = await t.database.db.selectFrom('unit_lineage_link').select('share').orderBy('share').execute();
    expect(stored.map((s) => s.share)).toEqual([8000, 12000]);
    // the page with the import panel and the lineage form open: no serious or critical accessibility violation
    await page.getByRole('button', { name: 'Nhập cây đơn vị từ tệp' }).click();
    await page.getByRole('button', { name: 'Ghi nhận sự kiện' }).click();
    const violations = seriousOrCritical(await axeViolations(page));
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.close();
  });
});
