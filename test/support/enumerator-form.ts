import type { Page } from 'playwright-core';

/** Runs in the page (a string: this file is type-checked without the DOM library). */
const FIRST_UNANSWERED = `(() => {
  for (const el of document.querySelectorAll('[data-qid]')) {
    const kind = el.dataset.kind;
    const field = el.querySelector('input, textarea');
    const answered = kind === 'integer' || kind === 'text' ? (field ? field.value : '') !== '' : el.querySelector('input:checked') !== null;
    if (!answered) return { qid: el.dataset.qid, kind };
  }
  return null;
})()`;

export interface SectionAnswers {
  /** option value by question id (scales default to 5, an "overall" scale to 4; other choices to the first option) */
  choose?: Record<string, string>;
  /** typed answer by question id (numbers default to 1980, texts to `text`) */
  type?: Record<string, string>;
  /** the answer to a text question not in `type` */
  text?: string;
}

/**
 * In the enumerator app: answers every shown, unanswered question of the current section
 * (re-reading after each: skip logic may add some).
 */
export async function answerSection(page: Page, { choose = {}, type = {}, text = 'Cấp giấy chứng nhận quyền sử dụng đất' }: SectionAnswers = {}) {
  for (let guard = 0; guard < 60; guard++) {
    const next = (await page.evaluate(FIRST_UNANSWERED)) as { qid: string; kind: string } | null;
    if (!next) return;
    const q = page.locator(`[data-qid="${next.qid}"]`);
    if (next.kind === 'integer') await q.locator('input').fill(type[next.qid] ?? '1980');
    else if (next.kind === 'text') await q.locator('textarea').fill(type[next.qid] ?? text);
    else if (next.kind === 'scale') await q.locator(`.option[data-value="${choose[next.qid] ?? (next.qid.endsWith('overall') ? '4' : '5')}"]`).click();
    else if (choose[next.qid]) await q.locator(`.option[data-value="${choose[next.qid]}"]`).click();
    else await q.locator('.option').first().click();
  }
  throw new Error('a section kept asking for answers');
}
