import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { describeBrowser, launchChromium, serveApp } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { leadershipAnswers } from '../support/leadership';
import { loadPoolKey } from '../../server/features/leadership/answer-pool-key';
import { openAnswer } from '../../server/features/leadership/answer-seal';

const EMAIL = 'hoa.nguyen@hdnd.example.gov.vn';
/** a second delegate: answers from two tabs at once */
const EMAIL_2 = 'minh.tran@hdnd.example.gov.vn';
const SHOTS = 'test-results';
/** Run in the page (a string: the test's TypeScript has no DOM types): everything in localStorage. */
const STORAGE = '(() => Object.entries(localStorage))()';
const DRAFT_PREFIX = 'parindex.leadership-draft.';

/** The answer to give to question n (1-based): every fourth is "Không biết", the others go round the scale. */
const ANSWERS = ['Rất tốt', 'Tốt', 'Tương đối tốt', 'Chưa tốt', 'Kém'];
const answerFor = (n: number) => (n % 4 === 0 ? 'Không biết' : (ANSWERS[n % ANSWERS.length] as string));

describeBrowser('an HĐND delegate answers the leadership survey from the e-mailed link', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: string;
  let linkPath: string;
  let token: string;
  let token2: string;

  const api = async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown): Promise<T> => {
    const response = await t.app.inject({ method, url, headers: { cookie: await t.cookieFor('admin') }, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };

  beforeAll(async () => {
    // no SMTP_URL: e-mail goes to the in-app outbox; the sender loop is driven by the test (sendNow)
    t = await startTestApp('pglite', { COOKIE_SECURE: 'true', MAIL_SENDER_INTERVAL_MS: '0' });
    const unit = await createUnit(t.database.db, { code: 'HG', name: 'Tỉnh Hà Giang', parentId: null, kind: 'province', group: 'tinh' });
    const campaign = await createCampaign(t.database.db, {
      name: 'PAR INDEX 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
    });
    campaignId = campaign.id;
    origin = await serveApp(t.app);

    // the analyst's set-up, through the HTTP API: survey (server defaults + a deadline), one respondent, invitations
    const base = `/api/campaigns/${campaignId}/leadership`;
    const { defaults } = await api<{ defaults: Record<string, unknown> }>('GET', base);
    await api('PUT', base, { ...defaults, deadline: '2030-12-31' });
    await api('POST', `${base}/respondents/commit`, { text: `họ tên,email,nhóm,đơn vị\nNguyễn Thị Hoa,${EMAIL},hdnd,\nTrần Văn Minh,${EMAIL_2},hdnd,\n` });
    await api('PATCH', `/api/campaigns/${campaignId}`, { status: 'fieldwork' }); // e-mail goes out only in fieldwork
    const { queued } = await api<{ queued: number }>('POST', `${base}/invitations/send`, {});
    expect(queued).toBe(2);
    await t.app.mailer.sendNow();

    // the token exists only in the e-mail: read it from the outbox as the person would from their inbox
    const outbox = await api<{ messages: { to: string; subject: string; body: string }[] }>('GET', '/api/mail-outbox?limit=10');
    const mail = outbox.messages.find((m) => m.to === EMAIL);
    expect(mail?.body).toContain('Nguyễn Thị Hoa');
    const match = /\/r\/([A-Za-z0-9_-]{22})\b/.exec(mail?.body ?? '');
    if (!match?.[1]) throw new Error(`no answering link in the e-mail:\n${mail?.body}`);
    token = match[1];
    linkPath = `/r/${token}`;
    token2 = /\/r\/([A-Za-z0-9_-]{22})\b/.exec(outbox.messages.find((m) => m.to === EMAIL_2)?.body ?? '')?.[1] ?? '';
    expect(token2).toHaveLength(22);

    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const answerSection = async (page: Page, first: number) => {
    const questions = page.locator('fieldset.question');
    const count = await questions.count();
    for (let i = 0; i < count; i += 1) {
      await questions.nth(i).getByRole('radio', { name: answerFor(first + i), exact: true }).check();
    }
    return count;
  };

  it('opens the link logged out on a phone, answers every field (some “Không biết”), reviews, sends once, and is thanked', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', deviceScaleFactor: 1 });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/respond/')) posts.push(r.url());
    });

    await page.goto(`${origin}${linkPath}`);
    await page.getByRole('heading', { level: 1, name: /Phiếu điều tra xã hội học lãnh đạo, quản lý.*cấp tỉnh năm 2023$/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(linkPath); // the login guard left it alone
    await expect(page.locator('body').textContent()).resolves.toMatch(/Hạn trả lời: 31\/12\/2030/);
    await expect(page.locator('body').textContent()).resolves.toMatch(/Không biết/);
    await page.screenshot({ path: `${SHOTS}/leadership-respond-intro.png`, fullPage: true });
    await page.getByRole('button', { name: 'Bắt đầu' }).click();

    // field 1: "Tiếp" with nothing chosen names what is missing
    await page.getByRole('heading', { level: 1, name: /Lĩnh vực 2\. Cải cách thể chế/ }).waitFor();
    await page.getByRole('button', { name: 'Tiếp', exact: true }).click();
    await page.getByText('Còn 4 câu chưa trả lời').waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-respond-missing.png` });
    let answered = await answerSection(page, 1);
    await page.screenshot({ path: `${SHOTS}/leadership-respond-section.png`, fullPage: true });

    // the draft survives a reload, under a hash of the token (never the token itself)
    await page.reload();
    await page.getByText(`Đã trả lời ${answered}/22 câu`).waitFor();
    const storage = (await page.evaluate(STORAGE)) as [string, string][];
    const drafts = storage.filter(([key]) => key.startsWith(DRAFT_PREFIX));
    expect(drafts).toHaveLength(1);
    expect(JSON.stringify(storage)).not.toContain(token);
    expect(await page.locator('fieldset.question').nth(3).getByRole('radio', { name: 'Không biết', exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Tiếp', exact: true }).click();

    for (let section = 2; section <= 5; section += 1) {
      await page.getByText(`Phần ${section}/5`).first().waitFor();
      answered += await answerSection(page, answered + 1);
      const next = section === 5 ? 'Xem lại trước khi gửi' : 'Tiếp';
      await page.getByRole('button', { name: next, exact: true }).click();
    }
    expect(answered).toBe(22);

    await page.getByRole('heading', { level: 1, name: 'Xem lại câu trả lời' }).waitFor();
    await page.getByText('Đã trả lời 22/22 câu').waitFor();
    const review = await page.locator('.review-list').allTextContents();
    expect(review.join(' ').match(/Không biết/g)?.length).toBe(5); // questions 4, 8, 12, 16, 20
    await page.screenshot({ path: `${SHOTS}/leadership-respond-review.png`, fullPage: true });

    const submit = page.getByRole('button', { name: 'Gửi phiếu trả lời' });
    await submit.click();
    await page.getByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà đã trả lời phiếu' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-respond-thanks.png`, fullPage: true });
    expect(posts).toHaveLength(1);
    const after = (await page.evaluate(STORAGE)) as [string, string][];
    expect(after.filter(([key]) => key.startsWith(DRAFT_PREFIX))).toEqual([]);

    // stored: the person is marked as responded; the answers sit apart, without who gave them
    const person = await t.database.db.selectFrom('respondent').select(['responded']).where('email', '=', EMAIL).executeTakeFirstOrThrow();
    expect(person.responded).toBe(true);
    // one answer: it waits sealed (its group has fewer than 5); only the pool's key opens it
    const sealed = await t.database.db.selectFrom('leadership_sealed_answer').selectAll().execute();
    expect(await t.database.db.selectFrom('leadership_answer_sheet').selectAll().execute()).toHaveLength(0);
    expect(sealed).toHaveLength(1);
    expect(Object.keys(sealed[0]!)).toEqual(['id', 'campaign_id', 'key_id', 'sealed']);
    const { answers } = openAnswer(loadPoolKey(t.config), sealed[0]!.campaign_id, sealed[0]!.sealed);
    expect(Object.keys(answers)).toHaveLength(22);
    expect(Object.values(answers).filter((v) => v === 'dont_know')).toHaveLength(5);

    // opening the link again: already answered
    await page.goto(`${origin}${linkPath}`);
    await page.getByRole('heading', { level: 1, name: 'Phiếu này đã được trả lời' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/leadership-respond-already.png`, fullPage: true });
    await context.close();
  });

  it('a second tab that sends the same link later is told it was already answered', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${origin}/r/${token2}`);
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    let answered = 0;
    for (let section = 1; section <= 5; section += 1) {
      await page.getByText(`Phần ${section}/5`).first().waitFor();
      answered += await answerSection(page, answered + 1);
      await page.getByRole('button', { name: section === 5 ? 'Xem lại trước khi gửi' : 'Tiếp', exact: true }).click();
    }
    await page.getByRole('heading', { level: 1, name: 'Xem lại câu trả lời' }).waitFor();
    // meanwhile the same link was used in another tab
    const other = await t.app.inject({ method: 'POST', url: `/api/respond/${token2}`, payload: { answers: leadershipAnswers(7) } });
    expect(other.statusCode).toBe(201);
    await page.getByRole('button', { name: 'Gửi phiếu trả lời' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phiếu này đã được trả lời' }).waitFor();
    const storage = (await page.evaluate(STORAGE)) as [string, string][];
    expect(storage.filter(([key]) => key.startsWith(DRAFT_PREFIX))).toEqual([]);
    await context.close();
  });

  it('says so when a link is unknown (e.g. replaced by a newer invitation)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${origin}/r/${'A'.repeat(22)}`);
    await page.getByRole('heading', { level: 1, name: 'Đường dẫn không hợp lệ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/r/${'A'.repeat(22)}`);
    await page.screenshot({ path: `${SHOTS}/leadership-respond-unknown.png`, fullPage: true });
    await context.close();
  });
});
