import { describe, expect, it } from 'vitest';
import { DONT_KNOW, type LeadershipOption } from './leadership';
import { parseLeadershipCsv, parsePopulationCsv, parseSipasResponses } from './survey-csv';

const NA = Number.NaN;

describe('SIPAS responses: id,unit,level, demographics, one column per item (1–5, 9, blank)', () => {
  it('reads forms into columns, demographics as text', () => {
    const text = '\uFEFFid,unit,level,gender,a,b,fo\nP1,Sở Y tế,province,male,5,9,4\nP2,Huyện X,commune,,1,,\n';
    const { data, errors } = parseSipasResponses(text, ['a', 'b'], { optionalIds: ['fo', 'missing_overall'] });
    expect(errors).toEqual([]);
    expect(data!.ids).toEqual(['P1', 'P2']);
    expect(data!.units).toEqual(['Sở Y tế', 'Huyện X']);
    expect(data!.levels).toEqual(['province', 'commune']);
    expect([...data!.answers.a!]).toEqual([5, 1]);
    expect([...data!.answers.b!]).toEqual([9, NA]);
    expect([...data!.answers.fo!]).toEqual([4, NA]);
    expect(data!.answers.missing_overall).toBeUndefined();
    expect(data!.extra).toEqual({ gender: ['male', ''] });
    expect(data!.lines).toEqual([2, 3]);
  });

  it('reports every bad cell with row and column, and missing columns', () => {
    const { data, errors } = parseSipasResponses('id,unit,a\nP1,,7\nP1,U,x\nP3,U,4.0\n', ['a']);
    expect(data).toBeNull();
    expect(errors.map((e) => e.message.en)).toEqual([
      'Row 2, column unit: the unit is missing.',
      'Row 2, column a: "7" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
      'Row 3, column id: form id "P1" already at row 2.',
      'Row 3, column a: "x" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
      'Row 4, column a: "4.0" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
    ]);
    expect(errors[0]!.message.vi).toBe('Dòng 2, cột unit: thiếu đơn vị.');
    expect(parseSipasResponses('id,unit,a\n', ['a', 'b', 'c']).errors[0]!.message.en).toBe('Row 1: missing column(s) b, c.');
    expect(parseSipasResponses('', ['a']).errors[0]!.message.en).toBe('The file is empty.');
  });

  it('numbers the forms by line when there is no id column', () => {
    expect(parseSipasResponses('unit,a\nU,4\n\nU,5\n', ['a']).data!.ids).toEqual(['2', '4']);
  });
});

describe('populations: unit,population', () => {
  it('reads positive numbers (decimal comma too) and reports bad rows', () => {
    expect([...parsePopulationCsv('unit,population\nA,1000\nB,"2500,5"\n').population]).toEqual([['A', 1000], ['B', 2500.5]]);
    const { errors } = parsePopulationCsv('unit,population\nA,0\nA,5\n,5\nB,many\n');
    expect(errors.map((e) => e.message.en)).toEqual([
      'Row 2, column population: "0" is not a positive number.',
      'Row 4, column unit: the unit is missing.',
      'Row 5, column population: "many" is not a positive number.',
    ]);
    expect(parsePopulationCsv('unit,pop\nA,1\n').errors[0]!.message.en).toBe('Row 1: missing column(s) population.');
  });

  it('reports a unit given twice', () => {
    expect(parsePopulationCsv('unit,population\nA,5\nA,6\n').errors[0]!.message.en).toBe('Row 3, column unit: unit "A" appears twice.');
  });
});

describe('leadership answer sheets: group, then one column per code (or question id)', () => {
  const options: LeadershipOption[] = [
    { value: 'good', label: { vi: 'Tốt', en: 'Good' }, weight: 1 },
    { value: 'bad', label: { vi: 'Kém', en: 'Poor' }, weight: 0 },
    { value: 'dk', label: { vi: 'Không biết', en: "Don't know" }, excluded: true },
  ];
  const criteria = [{ code: '2.4.1', id: 'c2_4_1' }, { code: '2.4.2', id: 'c2_4_2' }];

  it('reads labels, values and weights; codes or ids as headers; a blank group is null', () => {
    const { sheets, errors } = parseLeadershipCsv('group,2.4.1,c2_4_2\nHĐND,Tốt,0.5\n,kem,Không biết\nSở,,dk\n', criteria, options);
    expect(errors).toEqual([]);
    expect(sheets).toEqual([
      { group: 'HĐND', answers: { '2.4.1': 1, '2.4.2': 0.5 } },
      { group: null, answers: { '2.4.1': 0, '2.4.2': DONT_KNOW } },
      { group: 'Sở', answers: { '2.4.1': null, '2.4.2': DONT_KNOW } },
    ]);
  });

  it('reports bad answers and missing codes', () => {
    const { sheets, errors } = parseLeadershipCsv('group,2.4.1,2.4.2\nA,Tốt,rất tốt\n', criteria, options);
    expect(sheets).toEqual([]);
    expect(errors[0]!.message.en).toBe('Row 2, column 2.4.2: "rất tốt" is not an answer (Tốt, Kém, Không biết, or a weight 0–1).');
    expect(parseLeadershipCsv('group,2.4.1\n', criteria, options).errors[0]!.message.en).toBe('Row 1: missing column(s) 2.4.2.');
  });
});
