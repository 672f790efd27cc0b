import { describe, expect, it } from 'vitest';
import { allQuestions } from './lookup';
import { QUESTIONNAIRES } from './questionnaires';
import { questionnaireTitle, withYear } from './campaign-year';

describe('texts that name a year take the campaign year (issue 12 item 7)', () => {
  const leadership = QUESTIONNAIRES.find((q) => q.id === 'leadership-2023')!;
  it.each([2022, 2023, 2025])('the leadership form of a %i campaign names %i in its title', (year) => {
    const title = questionnaireTitle(leadership, year);
    expect(title.vi).toMatch(new RegExp(`cấp tỉnh năm ${year}$`));
    expect(title.en).toMatch(new RegExp(`PAR INDEX ${year}$`));
    expect(`${title.vi} ${title.en}`).not.toMatch(new RegExp(`20(?!${String(year).slice(2)})\\d\\d`));
  });
  it('while the year is not known the placeholder is not shown', () => {
    expect(withYear({ vi: 'năm {year}', en: '{year}' }, undefined)).toEqual({ vi: 'năm …', en: '…' });
  });
  it('no questionnaire text names a survey year itself (only method periods such as "2017–2021")', () => {
    for (const q of QUESTIONNAIRES) {
      const texts = [q.title, ...q.sections.map((s) => s.title), ...allQuestions(q).map((p) => p.question.label)];
      for (const text of texts) {
        for (const s of [text.vi, text.en]) expect(s.replace(/20\d\d–20\d\d/g, ''), `${q.id}: ${s}`).not.toMatch(/\b20\d\d\b/);
      }
    }
  });
});
