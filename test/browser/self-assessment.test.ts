import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, logInAs, openBrowser, closeBrowser } from '../support/browser';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { docxBytes, pdfBytes } from '../api/evidence-scenario';
import { departmentCampaign, DEPARTMENT_SET as SET } from '../support/department-campaign';
import { createUser } from '../../server/features/users/service';
import { ASSESSMENT_PHASES, type AssessmentPhase } from '../../server/db/schema';

// Issue 11, the year's work in the browser: a unit officer self-assesses with two files (a PDF and a DOCX) and
// attaches the PDF to a second criterion, submits; an appraiser lowers a score with a comment; the officer responds
// with a new file; the appraiser sets the final score; the council approves; the report gives the comment as the
// reason for the points lost. Phases move as an analyst would move them (PUT …/assessment/phases).

const HOUR = 3600_000;
const COMMENT = 'Kế hoạch ban hành ngày 05/01/2025, sau thời hạn';
const FINAL_COMMENT = 'Chấp nhận một phần giải trình: kế hoạch trình đúng hạn nhưng ban hành muộn';

describeBrowser('a unit self-assesses with evidence, is appraised, responds and is approved — in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let analyst: string;
  const ids = { campaignId: '', unitId: '' };

  const api = async (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers: { cookie: analyst }, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** Only `open` is open now: the phases before it are over, the ones after it are to come. */
  const openOnly = (open: AssessmentPhase) => {
    const at = ASSESSMENT_PHASES.indexOf(open);
    const now = Date.now();
    return api('PUT', `/api/campaigns/${ids.campaignId}/assessment/phases`, {
      phases: ASSESSMENT_PHASES.map((phase, i) => {
        const start = i < at ? now - (at - i + 1) * 24 * HOUR : i === at ? now - HOUR : now + (i - at) * 24 * HOUR;
        const end = i < at ? start + 12 * HOUR : i === at ? now + 12 * HOUR : start + 12 * HOUR;
        return { phase, opensAt: new Date(start).toISOString(), closesAt: new Date(end).toISOString() };
      }),
    });
  };
  const sheetUrl = () => `${origin}/campaigns/${ids.campaignId}/assessment/units/${ids.unitId}`;
  const openLeaf = async (page: Page, code: string) => {
    await page.locator(`button[data-code="${code}"]`).click();
    const panel = page.getByTestId('leaf-panel');
    await panel.waitFor();
    return panel;
  };
  const closeDialog = (page: Page) => page.getByRole('button', { name: 'Đóng' }).last().click();

  beforeAll(async () => {
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true' });
    Object.assign(ids, await departmentCampaign(t.database.db, 'Nguyễn Văn An'));
    const appraiser = await createUser(t.database.db, { username: 'tdh-appraiser', displayName: 'Trần Thị Bình', role: 'appraiser', password: TEST_PASSWORD });
    analyst = await t.cookieFor('analyst');
    await openOnly('self_assessment');
    await api('PUT', `/api/campaigns/${ids.campaignId}/assessment/appraisers`, {
      assignments: [{ userId: appraiser.id, criteriaSetCode: SET, criterionCode: '1' }],
    });
    ({ origin, browser } = await openBrowser(t));
  });
  afterAll(() => closeBrowser(browser, t));

  it('goes from self-assessment to the report', async () => {
    const db = t.database.db;
    const pages: Page[] = [];
    const newPage = async (width: number) => {
      const page = await (await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' })).newPage();
      page.setDefaultTimeout(20_000);
      pages.push(page);
      return page;
    };
    try {
      await walkThrough(newPage);
    } catch (err) {
      await Promise.all(pages.map((p, i) => p.screenshot({ path: `test-results/self-assessment-failure-${i}.png`, fullPage: true }).catch(() => undefined)));
      throw err;
    }
  }, 300_000);

  async function walkThrough(newPage: (width: number) => Promise<Page>) {
    const db = t.database.db;
    // 1. The officer, on a phone: two files on 1.1.1, the PDF reused on 1.1.2 with a pointer, then submit.
    const officer = await newPage(390);
    await logInAs(officer, origin, 'stp-officer');
    await officer.getByRole('heading', { name: 'Sở Tư pháp' }).waitFor(); // one campaign: straight to the unit's sheet
    let panel = await openLeaf(officer, '1.1.1');
    await panel.getByLabel(/Điểm tự chấm/).fill('1');
    await panel.getByLabel('Giải thích').fill('Kế hoạch số 12/KH-STP ngày 20/12/2024');
    await panel.getByLabel('Vị trí trong tài liệu (mục, trang)').fill('trang 2');
    await panel.locator('input[type=file]').setInputFiles([
      { name: 'Kế hoạch CCHC 2025.pdf', mimeType: 'application/pdf', buffer: pdfBytes('plan') },
      { name: 'Báo cáo quý IV.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await docxBytes() },
    ]);
    await panel.getByRole('button', { name: 'Kế hoạch CCHC 2025.pdf' }).waitFor();
    await panel.getByRole('button', { name: 'Báo cáo quý IV.docx' }).waitFor();
    await panel.getByRole('button', { name: 'Lưu', exact: true }).click();
    await panel.getByText('Đã lưu.').waitFor();
    await closeDialog(officer);

    panel = await openLeaf(officer, '1.1.2');
    await panel.getByLabel('Tử số (số đạt)').fill('9');
    await panel.getByLabel('Mẫu số (tổng số)').fill('10');
    await panel.getByLabel('Vị trí trong tài liệu (mục, trang)').fill('Phụ lục, trang 7');
    await panel.getByLabel('Dùng lại tài liệu đã tải lên').selectOption({ label: 'Kế hoạch CCHC 2025.pdf' });
    await panel.getByRole('button', { name: 'Gắn vào tiêu chí này' }).click();
    await panel.getByRole('button', { name: 'Kế hoạch CCHC 2025.pdf' }).waitFor();
    await panel.getByRole('button', { name: 'Lưu', exact: true }).click();
    await panel.getByText(/Điểm tính theo quy tắc: 1,80/).waitFor();
    await officer.screenshot({ path: 'test-results/self-assessment-leaf.png' });
    await closeDialog(officer);

    await officer.getByRole('button', { name: 'Gửi thẩm định…' }).click();
    const submitPanel = officer.getByTestId('submit-panel');
    await submitPanel.getByText(/mục chưa đủ/).waitFor(); // the other leaves are listed, not silently accepted
    expect(await submitPanel.getByRole('button', { name: 'Gửi thẩm định' }).isDisabled()).toBe(true);
    await submitPanel.getByLabel('Tôi biết các mục còn thiếu và vẫn gửi thẩm định').check();
    await submitPanel.getByRole('button', { name: 'Gửi thẩm định' }).click();
    await officer.getByText('Đã gửi thẩm định', { exact: true }).first().waitFor();

    const docs = await db.selectFrom('evidence_document').select(['id', 'filename']).where('unit_id', '=', ids.unitId).execute();
    expect(docs.map((d) => d.filename).sort()).toEqual(['Báo cáo quý IV.docx', 'Kế hoạch CCHC 2025.pdf']);
    const links = await db.selectFrom('evidence_link').select(['criterion_code', 'pointer']).where('unit_id', '=', ids.unitId).orderBy('criterion_code').execute();
    expect(links).toEqual(expect.arrayContaining([{ criterion_code: '1.1.2', pointer: 'Phụ lục, trang 7' }]));
    expect(links.filter((l) => l.criterion_code === '1.1.1')).toHaveLength(2);

    // 2. Appraisal: the appraiser of field 1 lowers 1.1.1 with a comment; the other fields are agreed (other appraisers).
    await openOnly('appraisal');
    const appraiser = await newPage(1280);
    await logInAs(appraiser, origin, 'tdh-appraiser');
    await appraiser.getByRole('heading', { name: 'Danh sách thẩm định' }).waitFor();
    await appraiser.getByRole('link', { name: /^1\.1\.1 / }).click();
    panel = appraiser.getByTestId('leaf-panel');
    await panel.waitFor();
    await panel.getByLabel('Điểm thẩm định').fill('0,5');
    await panel.getByRole('button', { name: 'Lưu điểm thẩm định' }).click();
    await panel.getByText('Cần ghi nhận xét khi hạ điểm hoặc yêu cầu bổ sung tài liệu.').waitFor(); // checked in the form first
    await panel.getByLabel('Nhận xét').fill(COMMENT);
    await panel.getByRole('button', { name: 'Lưu điểm thẩm định' }).click();
    await panel.getByText('Đã lưu.').waitFor();
    type Leaf = { version: number; appraisalStatus: string; selfScore: number | null };
    const sheet = await api('GET', `/api/campaigns/${ids.campaignId}/assessment/sheets/${ids.unitId}`) as { nodes: { code: string; notApplicable: boolean; leaf?: Leaf }[] };
    for (const n of sheet.nodes) {
      if (!n.leaf || n.notApplicable || n.leaf.appraisalStatus !== 'pending') continue;
      const body = n.leaf.selfScore === null
        ? { version: n.leaf.version, action: 'score', score: 0, comment: 'Không tự chấm, không có tài liệu kiểm chứng' }
        : { version: n.leaf.version, action: 'agree' };
      await api('PUT', `/api/campaigns/${ids.campaignId}/assessment/sheets/${ids.unitId}/leaves/${n.code}/appraisal`, body);
    }

    // 3. Response: the officer answers the lowered criterion with a new file.
    await openOnly('response');
    await officer.goto(sheetUrl());
    panel = await openLeaf(officer, '1.1.1');
    await panel.getByText(COMMENT, { exact: true }).waitFor();
    await panel.getByLabel('Nội dung giải trình').fill('Kế hoạch đã trình UBND tỉnh ngày 28/12/2024; xem công văn kèm theo');
    await panel.locator('input[type=file]').setInputFiles({ name: 'Công văn trình kế hoạch.pdf', mimeType: 'application/pdf', buffer: pdfBytes('letter') });
    await panel.getByRole('button', { name: 'Công văn trình kế hoạch.pdf' }).waitFor();
    await panel.getByRole('button', { name: 'Gửi giải trình' }).click();
    await panel.getByText('Đã lưu.').waitFor();
    await closeDialog(officer);
    await officer.getByRole('button', { name: 'Kết thúc giải trình' }).click();
    await officer.getByText('Đã giải trình', { exact: true }).first().waitFor();

    // 4. Final appraisal: the appraiser accepts part of the response.
    await openOnly('final_appraisal');
    await appraiser.goto(`${sheetUrl()}?open=1.1.1`);
    panel = appraiser.getByTestId('leaf-panel');
    await panel.waitFor();
    await panel.getByLabel('Điểm chốt').fill('0,75');
    await panel.getByLabel('Nhận xét').last().fill(FINAL_COMMENT);
    await panel.getByRole('button', { name: 'Lưu điểm chốt' }).click();
    await panel.getByText('Đã lưu.').waitFor();
    await api('POST', `/api/campaigns/${ids.campaignId}/assessment/sheets/${ids.unitId}/finalise`, {});

    // 5. The council approves; the scores are official and locked; the report gives the reason.
    await openOnly('approval');
    const council = await newPage(1280);
    await logInAs(council, origin, 'test-analyst');
    await council.goto(sheetUrl());
    await council.getByRole('button', { name: 'Hội đồng phê duyệt kết quả' }).click();
    await council.getByText(/Kết quả đã được phê duyệt/).waitFor();
    const official = await db.selectFrom('content_score').select(['self_score', 'appraised'])
      .where('campaign_id', '=', ids.campaignId).where('unit_id', '=', ids.unitId).where('criterion_code', '=', '1.1.1').executeTakeFirstOrThrow();
    expect([Number(official.self_score), Number(official.appraised)]).toEqual([1, 0.75]);

    await council.goto(`${origin}/campaigns/${ids.campaignId}/units/${ids.unitId}/report`);
    await council.getByText(FINAL_COMMENT).first().waitFor();
    await council.screenshot({ path: 'test-results/self-assessment-report.png', fullPage: true });
  }
});
