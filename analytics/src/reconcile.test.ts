import { describe, expect, it } from 'vitest';
import { reconcileOverrides } from './reconcile';
import { parseCriteriaCsv } from './criteria-csv';
import { parseScoreTable } from './table-parse';
import { haGiang2022 } from './test-support/fixtures';

describe('reconcileOverrides on Hà Giang 2022', () => {
  const { table, set } = haGiang2022();
  const r = reconcileOverrides(set, table);

  it('finds 1.3 and field 5 as candidates and keeps 1.3, which reproduces the official total', () => {
    expect(r.candidates).toEqual([
      { code: '1.3', stated: 2, computed: 1.98 },
      { code: '5', stated: 11.7898, computed: 11.7808 },
    ]);
    expect(r.chosen).toEqual(['1.3']);
    expect(r.statedTotal).toBe(84.4089);
  });

  it('explains the 0.017 between the official total and the leaves', () => {
    // The official total 84.4089 is computed from the stated criterion rows:
    //   1.3 is stated 2.00 while its sub-criteria 1.3.1 + 1.3.2 = 1.00 + 0.98 = 1.98  → +0.02
    //   8.1 is published rounded to 7.78 while its SIPAS leaves sum to 7.783        → −0.003
    // (field 5's stated 11.7898 is not used by the total: the total uses its criteria rows, 11.7808.)
    // Hence from the leaves: 84.4089 − 0.02 + 0.003 = 84.3919.
    expect(r.totalWithChosen).toBe(84.4089); // override 1.3 = 2.00, 8.1 rounded by its `round: 2` rule
    expect(r.totalFromLeaves).toBe(84.3919); // plain sum of the 101 leaves, no override, no rounding
    expect(Math.round((r.totalWithChosen - r.totalFromLeaves) * 1e4) / 1e4).toBe(0.017);
  });
});

describe('reconcileOverrides on small tables', () => {
  const set = parseCriteriaCsv(
    'code,parent,level,name,max_points,source\n1,,0,F1,2,\n1.1,1,1,A,1,content\n1.2,1,1,B,1,content\n2,,0,F2,2,\n2.1,2,1,C,2,content\n',
    { code: 'mini', year: 2024, name: 'mini' },
  );
  const table = (f1: string, total: string) =>
    parseScoreTable(`STT,Tiêu chí,Điểm tối đa,Điểm thẩm định\n1,F1,2,${f1}\n1.1,A,1,0.5\n1.2,B,1,0.5\n2,F2,2,1\n2.1,C,2,1\nTổng điểm,,4,${total}\n`);

  it('chooses nothing when the table is consistent', () => {
    expect(reconcileOverrides(set, table('1', '2'))).toEqual({ candidates: [], chosen: [], statedTotal: 2, totalWithChosen: 2, totalFromLeaves: 2 });
  });

  it('chooses nothing when no subset reproduces the stated total', () => {
    const r = reconcileOverrides(set, table('1.5', '3'));
    expect(r.candidates).toEqual([{ code: '1', stated: 1.5, computed: 1 }]);
    expect(r.chosen).toEqual([]);
    expect(r.totalWithChosen).toBe(2);
  });

  it('chooses the override when the stated total was computed from it', () => {
    expect(reconcileOverrides(set, table('1.5', '2.5')).chosen).toEqual(['1']);
  });
});
