import { describe, expect, it } from 'vitest';
import { parseCriteriaCsv, CriteriaFormatError } from './criteria-csv';
import { applyCriteriaRules } from './criteria-rules';
import { buildCriteriaIndex } from './criteria-index';
import { validateCriteriaSet } from './criteria-validate';
import { readRepoFile } from './test-support/fixtures';

const meta = { code: 't', year: 2024, name: 'test' };
const SMALL = `code,parent,level,name,max_points,source
1,,0,"Field one, with comma",3,
1.1,1,1,Leaf,1,content
1.2,1,1,Inner,2,
1.2.1,1.2,2,Survey,1.5,leadership_survey
1.2.2,1.2,2,Sipas,0.5,sipas
`;

describe('parseCriteriaCsv', () => {
  it('reads the reference format in printed order', () => {
    const set = parseCriteriaCsv('\uFEFF' + SMALL, meta);
    expect(set).toMatchObject({ code: 't', year: 2024, name: 'test' });
    expect(set.criteria.map((c) => c.code)).toEqual(['1', '1.1', '1.2', '1.2.1', '1.2.2']);
    expect(set.criteria[0]).toEqual({ code: '1', parent: null, level: 0, name: 'Field one, with comma', maxPoints: 3, source: null });
    expect(set.criteria[3]).toMatchObject({ parent: '1.2', level: 2, maxPoints: 1.5, source: 'leadership_survey' });
    expect(validateCriteriaSet(set)).toEqual([]);
  });

  it.each([
    ['a missing column', 'code,parent,level,name,max_points\n1,,0,x,1\n', /source/],
    ['a bad source', 'code,parent,level,name,max_points,source\n1,,0,x,1,survey\n', /survey/],
    ['a bad number', 'code,parent,level,name,max_points,source\n1,,0,x,abc,content\n', /max_points/],
  ])('rejects %s', (_what, csv, message) => {
    expect(() => parseCriteriaCsv(csv, meta)).toThrow(CriteriaFormatError);
    expect(() => parseCriteriaCsv(csv, meta)).toThrow(message);
  });
});

describe('validateCriteriaSet', () => {
  it('reports structural problems', () => {
    const csv = `code,parent,level,name,max_points,source
1,,0,Field,3,
1.1,1,1,Leaf without source,1,
1.2,1,1,Inner with source,1.5,content
1.2.1,1.2,2,Child,1,content
1.3,9,1,Orphan,1,content
`;
    const errors = validateCriteriaSet(parseCriteriaCsv(csv, meta));
    expect(errors).toEqual([
      '1: max 3.0000 but its children\'s maxima sum to 2.5000',
      '1.1: leaf without a source',
      '1.2: inner node with a source (content)',
      '1.2: max 1.5000 but its children\'s maxima sum to 1.0000',
      '1.3: parent 9 does not exist',
    ]);
  });
});

describe('the provincial criteria sets (PAR-INDEX.md §1)', () => {
  it.each(['par-province-2022', 'par-province-2023'])('%s: 8 fields, 37 criteria, 88 sub-criteria, 101 leaves', (code) => {
    const set = parseCriteriaCsv(readRepoFile(`seeds/criteria/${code}.criteria.csv`), { ...meta, code });
    expect(validateCriteriaSet(set)).toEqual([]);
    const index = buildCriteriaIndex(set);
    expect(index.fields.map((f) => f.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(set.criteria.filter((c) => c.level === 1)).toHaveLength(37);
    expect(set.criteria.filter((c) => c.level === 2)).toHaveLength(88);
    expect(index.leaves).toHaveLength(101);
    expect(index.children.get('8.1')?.map((c) => c.code)).toEqual(['8.1.1', '8.1.2', '8.1.3', '8.1.4', '8.1.5']);
  });
});

describe('applyCriteriaRules', () => {
  const set = parseCriteriaCsv(SMALL, meta);
  it('sets rules and rounding', () => {
    const merged = applyCriteriaRules(set, { rounding: { '1.2': 2 }, rules: { '1.1': { kind: 'ratio' } } });
    expect(merged.criteria.find((c) => c.code === '1.1')?.rule).toEqual({ kind: 'ratio' });
    expect(merged.criteria.find((c) => c.code === '1.2')?.round).toBe(2);
    expect(set.criteria.find((c) => c.code === '1.1')?.rule).toBeUndefined(); // the input is not changed
  });
  it('rejects unknown codes and malformed rules', () => {
    expect(() => applyCriteriaRules(set, { rules: { '9.9': { kind: 'ratio' } } })).toThrow(/9\.9/);
    expect(() => applyCriteriaRules(set, { rounding: { '7': 2 } })).toThrow(/code 7/);
    expect(() => applyCriteriaRules(set, { rules: { '1.1': { kind: 'ratio_to_target' } as never } })).toThrow(/target/);
  });
  it('a rule on a survey leaf makes the set invalid', () => {
    const merged = applyCriteriaRules(set, { rules: { '1.2.1': { kind: 'ratio' } } });
    expect(validateCriteriaSet(merged)).toEqual(['1.2.1: a scoring rule on a leadership_survey leaf (rules are for content leaves)']);
  });
});
