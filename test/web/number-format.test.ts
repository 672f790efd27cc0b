import { describe, expect, it } from 'vitest';
import { formatInteger, formatPercent, formatScore, formatTableScore } from '../../web/shared/format/numbers';
import { maxPts, pct, pts, score } from '../../server/features/reports/format';

// issue 12 item 8: one rule per kind of figure, the same on the screens (web) and in the reports (server)
const NBSP = /\u00a0/g;
const cases: { kind: string; value: number; vi: string; en: string }[] = [
  { kind: 'points', value: 84.4089, vi: '84,41', en: '84.41' },
  { kind: 'points', value: 90, vi: '90,00', en: '90.00' },
  { kind: 'points', value: 68, vi: '68,00', en: '68.00' },
  { kind: 'points', value: 2, vi: '2,00', en: '2.00' },
  { kind: 'points', value: 1.5, vi: '1,50', en: '1.50' },
  { kind: 'points', value: 95.2581, vi: '95,26', en: '95.26' },
  { kind: 'points', value: 1234.5, vi: '1.234,50', en: '1,234.50' },
  { kind: 'table', value: 0.775, vi: '0,7750', en: '0.7750' },
  { kind: 'table', value: 1.1952, vi: '1,1952', en: '1.1952' },
  { kind: 'table', value: 2, vi: '2,0000', en: '2.0000' },
  { kind: 'table', value: 11.78080001, vi: '11,7808', en: '11.7808' },
  { kind: 'percent', value: 84.4089, vi: '84,41%', en: '84.41%' },
  { kind: 'percent', value: 100, vi: '100,00%', en: '100.00%' },
  { kind: 'count', value: 66108, vi: '66.108', en: '66,108' },
  { kind: 'count', value: 7, vi: '7', en: '7' },
];

describe.each(['vi', 'en'] as const)('figures in %s', (lang) => {
  it.each(cases)('$kind $value', ({ kind, value, ...expected }) => {
    const want = expected[lang];
    if (kind === 'points') {
      expect(formatScore(value, lang)).toBe(want);
      expect(pts(value, lang)).toBe(want); // report sentences
      expect(maxPts(value, lang)).toBe(want); // maxima are points too
    } else if (kind === 'table') {
      expect(formatTableScore(value, lang)).toBe(want);
      expect(score(value, lang)).toBe(want);
    } else if (kind === 'percent') {
      expect(formatPercent(value, lang)).toBe(want);
      expect(pct(value, lang)).toBe(want);
    } else {
      expect(formatInteger(value, lang).replace(NBSP, ' ')).toBe(want);
    }
  });
  it('a missing figure is a dash', () => {
    expect([formatScore(null, lang), formatTableScore(undefined, lang), formatPercent(NaN, lang), pts(null, lang), pct(null, lang)]).toEqual(['—', '—', '—', '—', '—']);
  });
});
