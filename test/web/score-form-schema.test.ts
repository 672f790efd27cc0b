import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoringRule } from '../../analytics/src/index';
import { scoreFormSchema } from '../../web/features/scores/components/scoreFormSchema';

type Locale = { scores: { form: Record<string, string> } };
const locale = (lang: string) => JSON.parse(readFileSync(new URL(`../../web/locales/${lang}.json`, import.meta.url), 'utf8')) as Locale;
const [vi, en] = [locale('vi'), locale('en')];

// issue 12 item 9a: the score dialog checks evidence before sending, and names the field the person typed in
const blank = { appraised: '', self: '', notApplicable: false, note: '', numerator: '', denominator: '' };
const ratio: ScoringRule = { kind: 'ratio' };
const bands: ScoringRule = { kind: 'rank_bands', bands: [{ fromRank: 1, toRank: 10, points: 1 }, { fromRank: 11, toRank: 30, points: 0.5 }] };

const issues = (max: number | null, rule: ScoringRule | null, values: Partial<typeof blank>) => {
  const result = scoreFormSchema(max, rule).safeParse({ ...blank, ...values });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('score form checks (before anything is sent)', () => {
  it.each([
    { name: 'a zero denominator', max: 1, rule: ratio, values: { numerator: '5', denominator: '0' }, expected: ['denominator:scores.form.denominatorZero'] },
    { name: 'a zero denominator typed "0,0"', max: 1, rule: ratio, values: { numerator: '5', denominator: '0,0' }, expected: ['denominator:scores.form.denominatorZero'] },
    { name: 'a numerator without denominator', max: 1, rule: ratio, values: { numerator: '5' }, expected: ['denominator:scores.form.denominatorMissing'] },
    { name: 'good evidence', max: 1, rule: ratio, values: { numerator: '40', denominator: '41' }, expected: [] },
    { name: 'no evidence typed', max: 1, rule: ratio, values: { appraised: '0,5' }, expected: [] },
    { name: 'a rank outside the bands', max: 1, rule: bands, values: { numerator: '31' }, expected: ['numerator:scores.form.rankInvalid'] },
    { name: 'a rank that is not whole', max: 1, rule: bands, values: { numerator: '2,5' }, expected: ['numerator:scores.form.rankInvalid'] },
    { name: 'a rank in a band', max: 1, rule: bands, values: { numerator: '12' }, expected: [] },
    { name: 'a score above the maximum', max: 0.5, rule: null, values: { appraised: '0,75' }, expected: ['appraised:scores.form.aboveMax'] },
    { name: 'a negative score', max: 0.5, rule: null, values: { self: '-1' }, expected: ['self:scores.form.negative'] },
    { name: 'not a number', max: 0.5, rule: null, values: { self: 'abc' }, expected: ['self:scores.form.notANumber'] },
  ])('$name', ({ max, rule, values, expected }) => {
    expect(issues(max, rule, values)).toEqual(expected);
  });

  it('every message key has a text in both languages', () => {
    for (const key of ['denominatorZero', 'denominatorMissing', 'rankInvalid', 'aboveMax', 'negative', 'notANumber']) {
      expect(vi.scores.form[key], key).toBeTruthy();
      expect(en.scores.form[key], key).toBeTruthy();
    }
  });
});
