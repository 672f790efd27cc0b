import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, logInAs, openBrowser, closeBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';

const HEADER = 'code,parent,level,name,max_points,source,rule,evidence_required,evidence_expected,evidence_guidance';
const BROKEN = [
  HEADER,
  '1,,0,Chỉ đạo điều hành,3,,,,,',
  '1.1,1,1,Kế hoạch CCHC,1,content,,có,Kế hoạch CCHC năm 2025; Quyết định ban hành,Bản có chữ ký số',
  '1.2,1,1,Báo cáo CCHC quý,1,content,tỷ lệ,có,Báo cáo CCHC quý,',
].join('\n');
const FIXED = BROKEN.replace('1.2,1,1,Báo cáo CCHC quý,1,', '1.2,1,1,Báo cáo CCHC quý,2,');

describeBrowser('analyst imports a criteria set, corrects it, browses and compares it', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    const db = t.database.db;
    const province = await createUnit(db, { code: 'T', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    const department = await createUnit(db, { code: 'SNV', name: 'Sở Nội vụ', parentId: province.id, kind: 'department', group: 'so' });
    const district = await createUnit(db, { code: 'H1', name: 'Huyện Thanh Sơn', parentId: province.id, kind: 'district', group: 'huyen' });
    const commune = await createUnit(db, { code: 'XA1', name: 'Xã Thanh Sơn', parentId: district.id, kind: 'commune', group: 'xa' });
    campaignId = (await createCampaign(db, {
      name: 'Chỉ số CCHC 2025', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: [department.id, commune.id], previousCampaignId: null,
    })).id;
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  it('shows the problem with its row and column, stores nothing, then stores the corrected file and shows its evidence', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await logInAs(page, origin, 'test-analyst');
    await page.goto(`${origin}/criteria/import`);
    const choose = async (text: string) => {
      await page.locator('input[type=file]').setInputFiles({ name: 'bo-so.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
      await page.getByText('Từ tệp: bo-so.csv').waitFor();
    };
    await choose(BROKEN);
    await page.getByLabel('Họ bộ tiêu chí').fill('bo-so-thu');
    await page.getByLabel('Tên bộ tiêu chí').fill('Bộ tiêu chí sở thử');
    await page.getByLabel('Dành cho').selectOption('department');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Tệp có 1 lỗi').waitFor();
    const problems = page.getByRole('table').filter({ hasText: 'tổng điểm tối đa của các tiêu chí con' });
    await expect(problems.textContent()).resolves.toMatch(/Dòng 2, cột max_points/);
    expect(await page.getByRole('button', { name: 'Lưu vào hệ thống' }).isDisabled()).toBe(true);
    expect(await t.database.db.selectFrom('criteria_set').select('code').where('family', '=', 'bo-so-thu').execute()).toHaveLength(0);

    await choose(FIXED);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Sẽ lưu thành bộ bo-so-thu (phiên bản 1).').waitFor();
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/criteria-import-preview.png', fullPage: true });
    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).click();

    await page.waitForURL(`${origin}/criteria/bo-so-thu`);
    await page.getByRole('button', { name: 'Mở rộng tất cả' }).click().catch(() => undefined);
    await page.getByText('Kế hoạch CCHC năm 2025').waitFor();
    await page.getByText(/Bắt buộc/).first().waitFor(); // the evidence requirement, once the set's page has rendered

    // compare with the seeded department set
    await page.goto(`${origin}/criteria/compare?from=bo-so-thu&to=internal-department-2025`);
    await page.getByText(/thêm \d+, bỏ 0, thay đổi \d+/).waitFor();
    await page.screenshot({ path: 'test-results/criteria-compare.png', fullPage: true });

    // the campaign scores communes with the commune set, departments with the new set
    await page.goto(`${origin}/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Bộ tiêu chí theo loại đơn vị' }).click();
    await page.getByLabel(/Xã, phường/).selectOption('internal-commune-2025');
    await page.getByLabel(/Sở, ban, ngành/).selectOption('bo-so-thu');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu.').waitFor();
    expect(await t.database.db.selectFrom('campaign_criteria_set').select(['unit_kind', 'criteria_set_code']).orderBy('unit_kind').execute()).toEqual([
      { unit_kind: 'commune', criteria_set_code: 'internal-commune-2025' },
      { unit_kind: 'department', criteria_set_code: 'bo-so-thu' },
    ]);
    // a criterion that does not apply to the department, with the reason: the maximum drops from 3 to 1
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'SNV — Sở Nội vụ' });
    await page.getByLabel('Tiêu chí', { exact: true }).selectOption('1.2');
    await page.getByLabel('Lý do').fill('Sở không có báo cáo quý theo quy định riêng');
    await page.getByRole('button', { name: 'Đánh dấu không áp dụng' }).click();
    await page.getByText(/Tiêu chí 1\.2 không áp dụng; điểm tối đa của đơn vị còn 1/).waitFor();
    const na = await t.database.db.selectFrom('content_score').select(['criterion_code', 'not_applicable', 'not_applicable_reason']).execute();
    expect(na).toEqual([{ criterion_code: '1.2', not_applicable: true, not_applicable_reason: 'Sở không có báo cáo quý theo quy định riêng' }]);
    await page.screenshot({ path: 'test-results/criteria-campaign-sets.png', fullPage: true });

    // the set is now used by a campaign: no delete button, the campaign named
    await page.goto(`${origin}/criteria/bo-so-thu`);
    await page.getByText('Bộ tiêu chí đã được dùng, không sửa được').waitFor();
    expect(await page.getByRole('button', { name: 'Xoá bộ tiêu chí' }).count()).toBe(0);
    await page.close();
  });
});
