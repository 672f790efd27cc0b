import { describe, expect, it } from 'vitest';
import type { NodeScore } from './types';
import { aggregate } from './aggregate';
import { applyCriteriaRules } from './criteria-rules';
import { parseCriteriaCsv } from './criteria-csv';
import { tableToScores } from './table-scores';
import { haGiang2022 } from './test-support/fixtures';

// A provincial-internal set in the shape of PAR-INDEX.md §5: 90 appraised points + 10 SIPAS points.
const set = applyCriteriaRules(
  parseCriteriaCsv(
    `code,parent,level,name,max_points,source
1,,0,Content,90,
1.1,1,1,A,30,content
1.2,1,1,B,30,content
1.3,1,1,Procedures,30,content
2,,0,SIPAS,10,
2.1,2,1,Access,4,sipas
2.2,2,1,Result,6,sipas
`,
    { code: 'unit', year: 2024, name: 'Unit index' },
  ),
  { rounding: { '2': 2 } },
);

const scores = (entries: Record<string, NodeScore>) => new Map(Object.entries(entries));

describe('aggregate (PAR-INDEX.md §1: parent = sum of children)', () => {
  it('sums leaves up the tree in printed order, with percent and parts by source', () => {
    const tree = aggregate(set, scores({ '1.1': { appraised: 25, self: 30 }, '1.2': { appraised: 26 }, '1.3': { appraised: 20.5 }, '2.1': { appraised: 3.333 }, '2.2': { appraised: 5.001 } }));
    expect(tree.root.children.map((c) => [c.code, c.max, c.appraised, c.self])).toEqual([
      ['1', 90, 71.5, 30],
      ['2', 10, 8.33, null], // 8.334 published rounded to 2 decimals (rule `round: 2`); no self-assessment → null, not 0
    ]);
    expect(tree.root.children[0]?.children.map((c) => c.code)).toEqual(['1.1', '1.2', '1.3']);
    expect(tree).toMatchObject({ total: 79.83, max: 100, percent: 79.83 });
    expect(tree.root).toMatchObject({ code: 'TOTAL', name: 'Unit index', level: -1, override: false, computed: null });
    // the parts add up to the total: field 2's published rounding (8.334 → 8.33) is credited to its leaves' source
    expect(tree.parts).toEqual({ content: { score: 71.5, max: 90 }, leadership_survey: { score: 0, max: 0 }, sipas: { score: 8.33, max: 10 } });
  });

  it('can leave the published rounding out', () => {
    const tree = aggregate(set, scores({ '2.1': { appraised: 3.333 }, '2.2': { appraised: 5.001 } }), { applyRounding: false });
    expect(tree.root.children[1]?.appraised).toBe(8.334);
  });

  it('removes not-applicable leaves from the maximum (PAR-INDEX.md §5: a unit scored out of 60 → score × 100 / 60)', () => {
    const na = { notApplicable: true };
    const tree = aggregate(set, scores({ '1.1': { appraised: 25 }, '1.2': { appraised: 26 }, '1.3': na, '2.1': na, '2.2': na }));
    expect(tree.max).toBe(60);
    expect(tree.total).toBe(51);
    expect(tree.percent).toBe(85); // 51 × 100 / 60
    expect(tree.root.children[1]).toMatchObject({ code: '2', max: 0, appraised: null, percent: null, notApplicable: true });
    expect(tree.parts.sipas).toEqual({ score: 0, max: 0 });
  });

  it('keeps an override on an inner node and shows the computed sum beside it', () => {
    const tree = aggregate(set, scores({ '1.1': { appraised: 30 }, '1.2': { appraised: 30 }, '1.3': { appraised: 29.98 } }), { overrides: new Map([['1', 90]]) });
    expect(tree.root.children[0]).toMatchObject({ appraised: 90, override: true, computed: 89.98, percent: 100 });
    expect(tree.total).toBe(90);
  });

  it('leaves a node without scores null and counts it as 0 in the total', () => {
    const tree = aggregate(set, scores({ '1.1': { appraised: 10 } }));
    expect(tree.root.children[1]).toMatchObject({ appraised: null, percent: null });
    expect(tree.total).toBe(10);
  });
});

describe('aggregate on Hà Giang 2022 leaves', () => {
  const { table, set: hg } = haGiang2022();
  const { scores: leaves, stated } = tableToScores(table, hg);

  it('reads the 101 leaves (the misnumbered second 5.1.2 row as 5.1.3, by its name) and the stated inner rows', () => {
    expect(leaves.size).toBe(101);
    expect(leaves.get('5.1.2')).toMatchObject({ appraised: 0.5 });
    expect(leaves.get('5.1.3')).toMatchObject({ self: 0.75, appraised: 0.5 });
    expect(stated.get('1.3')).toEqual({ self: 2, appraised: 2 });
    expect(stated.get('TOTAL')).toEqual({ self: 63.3037, appraised: 84.4089 });
    expect(stated.has('1.1')).toBe(false); // 1.1 is a leaf
  });

  it('sums the sources as PAR-INDEX.md §1 verifies: leadership 17.69 / 22, SIPAS 7.783 / 10, content / 68', () => {
    const tree = aggregate(hg, leaves, { applyRounding: false });
    expect(tree.parts).toEqual({ content: { score: 58.9203, max: 68 }, leadership_survey: { score: 17.6886, max: 22 }, sipas: { score: 7.783, max: 10 } });
    expect(tree.total).toBe(84.3919);
    expect(tree.root.children.find((c) => c.code === '8')?.children[0]).toMatchObject({ code: '8.1', appraised: 7.783 });
    expect(aggregate(hg, leaves).root.children.find((c) => c.code === '8')?.children[0]).toMatchObject({ code: '8.1', appraised: 7.78 });
  });

  it('splits the official total into parts that add up to it: 1.3 kept at 2.00 is content, 8.1 rounded to 7.78 is SIPAS', () => {
    const tree = aggregate(hg, leaves, { overrides: new Map([['1.3', 2]]) });
    expect(tree.total).toBe(84.4089);
    expect(tree.parts.content.score).toBe(58.9403); // 58.9203 + 0.02
    expect(tree.parts.leadership_survey.score).toBe(17.6886);
    expect(tree.parts.sipas.score).toBe(7.78); // 7.783 − 0.003
    expect(tree.parts.content.score + tree.parts.leadership_survey.score + tree.parts.sipas.score).toBeCloseTo(tree.total, 9);
  });
});
