import { describe, expect, it } from 'vitest';
import { detectTableRounding, printedDecimals, withRounding } from './publication-rounding';
import { scoreTable } from './table-scoring';
import { reconcileOverrides } from './reconcile';
import { parseScoreTable } from './table-parse';
import { loadCriteriaSet } from '../../seeds/load-criteria-sets';
import { haGiang2022, readRepoFile } from './test-support/fixtures';

// test/fixtures/constructed-province-2023.appendix.tsv: a table constructed for these tests (not a published one)
// in the style of a 2023 provincial appendix — leaves with up to 4 decimals, 8.1 printed as its children's exact sum
// 7,6256, field rows with 4 decimals, TỔNG ĐIỂM rounded to 2 decimals: 88,01 for the field rows' 88,0079.
const constructed = () => parseScoreTable(readRepoFile('test/fixtures/constructed-province-2023.appendix.tsv'));
const set2023 = loadCriteriaSet('par-province-2023');

describe('printedDecimals', () => {
  it('counts the digits after a decimal point or comma', () => {
    expect(['7,6256', '7.78', '2', ' 1,50 ', '', '<i>0,5</i>'].map(printedDecimals)).toEqual([4, 2, 0, 2, null, 1]);
  });
});

describe('detectTableRounding', () => {
  it('Hà Giang 2022: 8.1 printed 7.78 for 7.783 and field 8 adds 7.78, so the publication rounds 8.1 to 2 decimals', () => {
    const { table, set } = haGiang2022();
    const r = detectTableRounding(set, table);
    expect(r.evidence.filter((e) => e.verdict !== 'exact')).toEqual([
      { code: '8.1', row: 130, stated: 7.78, decimals: 2, children: 7.783, verdict: 'rounded' },
    ]);
    expect(r.detected['8.1']).toBe(2);
    expect(r.total).toEqual({ stated: 84.4089, decimals: 4, rounded: false, fieldsSum: 84.4179 });
  });

  it('the constructed 2023 table: 8.1 printed as its exact sum 7,6256 is not rounded; TỔNG ĐIỂM is printed rounded', () => {
    const r = detectTableRounding(set2023, constructed());
    expect(r.evidence.find((e) => e.code === '8.1')).toMatchObject({ stated: 7.6256, decimals: 4, children: 7.6256, verdict: 'exact' });
    expect(r.detected['8.1']).toBeNull();
    expect(r.total).toEqual({ stated: 88.01, decimals: 2, rounded: true, fieldsSum: 88.0079 });
  });

  it('a parent that adds the unrounded sum makes the printed rounding print-only', () => {
    const set = loadCriteriaSet('par-province-2022');
    const text = readRepoFile('seeds/tables/ha-giang-2022.appendix.tsv').replace('\t16.50\t5.4688\t12.2488', '\t16.50\t5.4688\t12.2518');
    expect(detectTableRounding(set, parseScoreTable(text)).evidence.find((e) => e.code === '8.1')?.verdict).toBe('print_only');
  });
});

describe('scoreTable: the table, the kept scores and the rounding chosen', () => {
  it('Hà Giang 2022 with what the table shows: keeps 1.3, rounds 8.1, total 84.4089 — also in a set that does not round', () => {
    const { table, set } = haGiang2022();
    for (const s of [set, withRounding(set2023, {})]) {
      const r = scoreTable(s, table, { keepStated: 'proposed', rounding: 'detected' });
      expect(r.kept).toEqual(['1.3']);
      expect(r.tree.total).toBe(84.4089);
    }
    expect(scoreTable(set2023, table, { keepStated: 'proposed', rounding: 'detected' }).rounding).toEqual({ '8.1': 2 });
  });

  it('the constructed 2023 table reproduces its field rows and 88,01 with the rounding it shows', () => {
    const r = scoreTable(set2023, constructed(), { keepStated: 'proposed', rounding: 'detected' });
    expect(r.kept).toEqual([]);
    expect(r.tree.root.children.find((f) => f.code === '8')?.appraised).toBe(13.1976);
    expect(r.tree.total).toBe(88.0079);
  });

  it('with 8.1 rounded to 2 decimals anyway, the proposal keeps the printed 7,6256, which reproduces the printed total', () => {
    const rounding2 = withRounding(set2023, { '8.1': 2 });
    const rec = reconcileOverrides(rounding2, constructed());
    expect(rec.candidates).toEqual([{ code: '8.1', stated: 7.6256, computed: 7.63 }]);
    expect(rec.chosen).toEqual(['8.1']);
    expect(rec.totalWithChosen).toBe(88.0079);
    // without the kept score the rounding adds 0.0044: 88.0123, which the 2-decimal total row (88,01) cannot tell apart
    const notKept = scoreTable(rounding2, constructed(), { keepStated: [], rounding: {} });
    expect(notKept.tree.total).toBe(88.0123);
    expect(scoreTable(rounding2, constructed(), { keepStated: 'proposed', rounding: {} }).tree.total).toBe(88.0079);
  });

  it('refuses to keep a printed score that is not a candidate', () => {
    expect(() => scoreTable(set2023, constructed(), { keepStated: ['8'], rounding: 'detected' })).toThrow(/keepStated: 8/);
  });
});
