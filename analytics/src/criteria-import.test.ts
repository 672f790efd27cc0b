import { describe, expect, it } from 'vitest';
import { readDelimited } from './delimited';
import { readCriteriaImport, parseFlag, splitExpected, importColumnOf } from './criteria-import';
import { parseCriteriaRule, criteriaRuleText } from './criteria-rule-text';
import { compareCriteriaSets } from './criteria-compare';
import { validateCriteriaSet } from './criteria-validate';
import { applyRule } from './scoring-rules';

const HEADER = 'code,parent,level,name,max_points,source,rule,evidence_required,evidence_expected,evidence_guidance';
const GOOD = [
  HEADER,
  '1,,0,Công tác chỉ đạo,3,,,,,',
  '1.1,1,1,Kế hoạch CCHC,1,content,,có,"Kế hoạch CCHC năm 2025; Quyết định ban hành",Tải bản có chữ ký số',
  '1.2,1,1,Báo cáo định kỳ,2,content,ratio,yes,"Báo cáo quý I\nBáo cáo quý II",',
].join('\n');

const read = (text: string) => readCriteriaImport(readDelimited(text));

describe('readCriteriaImport', () => {
  it('reads a good file into a sound set with rules and evidence', () => {
    const r = read(GOOD);
    expect(r.problems).toEqual([]);
    expect(r.criteria.map((c) => [c.code, c.level, c.maxPoints, c.source])).toEqual([
      ['1', 0, 3, null], ['1.1', 1, 1, 'content'], ['1.2', 1, 2, 'content'],
    ]);
    expect(r.criteria[1]?.evidence).toEqual({ required: true, expected: ['Kế hoạch CCHC năm 2025', 'Quyết định ban hành'], guidance: 'Tải bản có chữ ký số' });
    expect(r.criteria[2]?.evidence?.expected).toEqual(['Báo cáo quý I', 'Báo cáo quý II']);
    expect(r.criteria[2]?.rule).toEqual({ kind: 'ratio' });
    expect(validateCriteriaSet({ code: 'x', year: 2025, name: 'x', criteria: r.criteria })).toEqual([]);
    expect(r.rows).toEqual({ '1': 2, '1.1': 3, '1.2': 4 });
  });

  it('recognises Vietnamese headers, computes levels when the column is absent, defaults leaves to content', () => {
    const r = read(['Mã;Mã cha;Tên tiêu chí;Điểm tối đa;Tài liệu kiểm chứng;Bắt buộc kiểm chứng', '1;;A;2;;', '1.1;1;B;2;Báo cáo;x'].join('\n'));
    expect(r.problems).toEqual([]);
    expect(r.criteria[1]).toMatchObject({ level: 1, source: 'content', evidence: { required: true, expected: ['Báo cáo'], guidance: null } });
  });

  // each bad input: its kind, row and column
  const cases: { name: string; rows: string[]; kind: string; row: number | null; column: string | null }[] = [
    { name: 'missing column', rows: ['code,parent,name', '1,,A'], kind: 'missing_column', row: 1, column: 'max_points' },
    { name: 'malformed code', rows: [HEADER, '1 a,,0,A,1,content,,,,'], kind: 'bad_code', row: 2, column: 'code' },
    { name: 'duplicate code', rows: [HEADER, '1,,0,A,2,,,,,', '1.1,1,1,B,1,content,,,,', '1.1,1,1,C,1,content,,,,'], kind: 'duplicate_code', row: 4, column: 'code' },
    { name: 'unknown parent', rows: [HEADER, '1,,0,A,1,,,,,', '1.1,9,1,B,1,content,,,,'], kind: 'missing_parent', row: 3, column: 'parent' },
    { name: 'parent listed after its child', rows: [HEADER, '1.1,1,1,B,1,content,,,,', '1,,0,A,1,,,,,'], kind: 'parent_after_child', row: 2, column: 'parent' },
    { name: 'level inconsistent with parent', rows: [HEADER, '1,,0,A,1,,,,,', '1.1,1,2,B,1,content,,,,'], kind: 'level_mismatch', row: 3, column: 'level' },
    { name: 'max not a number', rows: [HEADER, '1,,0,A,abc,content,,,,'], kind: 'bad_max', row: 2, column: 'max_points' },
    { name: 'negative max', rows: [HEADER, '1,,0,A,-1,content,,,,'], kind: 'bad_max', row: 2, column: 'max_points' },
    { name: 'maxima not adding up', rows: [HEADER, '1,,0,A,3,,,,,', '1.1,1,1,B,1,content,,,,', '1.2,1,1,C,1,content,,,,'], kind: 'sum_mismatch', row: 2, column: 'max_points' },
    { name: 'unknown source', rows: [HEADER, '1,,0,A,1,survey,,,,'], kind: 'bad_source', row: 2, column: 'source' },
    { name: 'source on an inner node', rows: [HEADER, '1,,0,A,1,content,,,,', '1.1,1,1,B,1,content,,,,'], kind: 'source_on_inner', row: 2, column: 'source' },
    { name: 'unknown rule', rows: [HEADER, '1,,0,A,1,content,bonus,,,'], kind: 'bad_rule', row: 2, column: 'rule' },
    { name: 'base above the max', rows: [HEADER, '1,,0,A,1,content,base_plus_ratio:2,,,'], kind: 'bad_rule', row: 2, column: 'rule' },
    { name: 'target above 100 %', rows: [HEADER, '1,,0,A,1,content,ratio_to_target:150%,,,'], kind: 'bad_rule', row: 2, column: 'rule' },
    { name: 'overlapping rank bands', rows: [HEADER, '1,,0,A,2,content,"rank_bands:1-10=2;5-20=1",,,'], kind: 'bad_rule', row: 2, column: 'rule' },
    { name: 'rule on an inner node', rows: [HEADER, '1,,0,A,1,,ratio,,,', '1.1,1,1,B,1,content,,,,'], kind: 'rule_on_inner', row: 2, column: 'rule' },
    { name: 'rule on a survey leaf', rows: [HEADER, '1,,0,A,1,sipas,ratio,,,'], kind: 'rule_not_content', row: 2, column: 'rule' },
    { name: 'unclear evidence flag', rows: [HEADER, '1,,0,A,1,content,,maybe,,'], kind: 'bad_flag', row: 2, column: 'evidence_required' },
    { name: 'evidence on an inner node', rows: [HEADER, '1,,0,A,1,,,,Kế hoạch,', '1.1,1,1,B,1,content,,,,'], kind: 'evidence_on_inner', row: 2, column: 'evidence_expected' },
    { name: 'missing name', rows: [HEADER, '1,,0,,1,content,,,,'], kind: 'missing_name', row: 2, column: 'name' },
    { name: 'header only', rows: [HEADER], kind: 'empty', row: null, column: null },
  ];
  it.each(cases)('$name → $kind at row $row, column $column', ({ rows, kind, row, column }) => {
    const r = read(rows.join('\n'));
    const p = r.problems.find((x) => x.kind === kind);
    expect(p, JSON.stringify(r.problems)).toBeDefined();
    expect(p?.row).toBe(row);
    expect(p?.column).toBe(column);
    expect(p?.message.vi.length).toBeGreaterThan(5);
    expect(p?.message.en.length).toBeGreaterThan(5);
    if (row !== null) {
      expect(p?.message.vi).toContain(`Dòng ${row}`);
      expect(p?.message.en).toContain(`Row ${row}`);
    }
  });

  it('row numbers count the spreadsheet rows, blank rows included', () => {
    const r = read([HEADER, '1,,0,A,1,content,,,,', '', '2,,0,B,x,content,,,,'].join('\n'));
    expect(r.problems.map((p) => [p.kind, p.row])).toEqual([['bad_max', 4]]);
  });
});

describe('parseCriteriaRule', () => {
  const table: [string, number, unknown][] = [
    ['ratio', 1, { kind: 'ratio' }],
    ['Tỷ lệ', 1, { kind: 'ratio' }],
    ['thủ công', 1, { kind: 'manual' }],
    ['base_plus_ratio:0,5', 1, { kind: 'base_plus_ratio', base: 0.5 }],
    ['ratio_to_target:20%', 1, { kind: 'ratio_to_target', target: 0.2 }],
    ['threshold:70%', 1, { kind: 'threshold', threshold: 0.7 }],
    ['threshold:0.7:0.25', 1, { kind: 'threshold', threshold: 0.7, below: 0.25 }],
    ['rank_bands:1-10=1.5;11-30=1', 1.5, { kind: 'rank_bands', bands: [{ fromRank: 1, toRank: 10, points: 1.5 }, { fromRank: 11, toRank: 30, points: 1 }] }],
    ['{"kind":"base_plus_ratio","base":0.5}', 1, { kind: 'base_plus_ratio', base: 0.5 }],
  ];
  it.each(table)('%s (max %d)', (text, max, rule) => {
    const parsed = parseCriteriaRule(text, max);
    expect(parsed).toEqual({ rule });
    if ('rule' in parsed && !text.startsWith('{') && !/[^\x00-\x7f]/.test(text) && !text.includes(',') && !text.includes('%')) {
      expect(criteriaRuleText(parsed.rule)).toBe(text);
    }
  });
  const bad: [string, number][] = [
    ['ratio:1', 1], ['base_plus_ratio', 1], ['base_plus_ratio:x', 1], ['base_plus_ratio:-1', 1], ['ratio_to_target:0', 1],
    ['threshold:2', 1], ['threshold:0.5:3', 1], ['rank_bands:1-10', 1], ['rank_bands:10-1=1', 1], ['rank_bands:1-5=9', 1],
    ['{"kind":"bonus"}', 1], ['{kind', 1], ['[1]', 1],
  ];
  it.each(bad)('refuses %s (max %d) in vi and en', (text, max) => {
    const parsed = parseCriteriaRule(text, max);
    expect('error' in parsed).toBe(true);
  });
  it('an imported rule scores as the engine does: 80 of 100 documents on time, max 2 → 1.6', () => {
    const parsed = parseCriteriaRule('ratio', 2);
    if (!('rule' in parsed)) throw new Error('not parsed');
    expect(applyRule(parsed.rule, 2, { numerator: 80, denominator: 100 })).toEqual({ points: 1.6 });
  });
});

describe('small readers', () => {
  it.each([['có', true], ['Có', true], ['x', true], ['1', true], ['yes', true], ['không', false], ['', false], ['0', false], ['no', false], ['maybe', null]] as const)(
    'flag %s → %s', (raw, value) => expect(parseFlag(raw)).toBe(value));
  it('splits expected documents on ; and line breaks, dropping bullets', () => {
    expect(splitExpected('- Kế hoạch;\n• Báo cáo quý\r\n\n;  Quyết định  ')).toEqual(['Kế hoạch', 'Báo cáo quý', 'Quyết định']);
    expect(splitExpected('Kế hoạch\u2028Báo cáo quý')).toEqual(['Kế hoạch', 'Báo cáo quý']); // an XLSX cell's line break
  });
  it.each([['max_points', 'max_points'], ['Điểm tối đa', 'max_points'], ['MÃ CHA', 'parent'], ['Hướng dẫn', 'evidence_guidance'], ['foo', null]] as const)(
    'header %s → %s', (h, c) => expect(importColumnOf(h)).toBe(c));
});

describe('compareCriteriaSets', () => {
  it('lists added, removed and changed criteria with the fields that differ', () => {
    const a = read(GOOD).criteria;
    const b = read([HEADER, '1,,0,Công tác chỉ đạo,4,,,,,', '1.2,1,1,Báo cáo định kỳ,2,content,base_plus_ratio:0.5,yes,"Báo cáo quý I\nBáo cáo quý II",', '1.3,1,1,Mới,2,content,,,,'].join('\n')).criteria;
    const cmp = compareCriteriaSets({ code: 'a', year: 1, name: 'a', criteria: a }, { code: 'b', year: 1, name: 'b', criteria: b });
    expect(cmp.added.map((c) => c.code)).toEqual(['1.3']);
    expect(cmp.removed.map((c) => c.code)).toEqual(['1.1']);
    expect(cmp.changed).toEqual([
      { code: '1', name: 'Công tác chỉ đạo', level: 0, differences: [{ field: 'maxPoints', from: 3, to: 4 }] },
      { code: '1.2', name: 'Báo cáo định kỳ', level: 1, differences: [{ field: 'rule', from: 'ratio', to: 'base_plus_ratio:0.5' }] },
    ]);
    expect([cmp.maxFrom, cmp.maxTo, cmp.unchanged]).toEqual([3, 4, 0]);
  });
});

describe('row numbers', () => {
  it('are records, as a spreadsheet shows them, when a quoted cell holds line breaks', () => {
    const r = read([HEADER, '1,,0,A,2,,,,,', '1.1,1,1,B,1,content,,có,"Kế hoạch\nBáo cáo",', '1.2,1,1,C,x,content,,,,'].join('\n'));
    expect(r.problems.map((p) => [p.kind, p.row])).toEqual([['bad_max', 4], ['sum_mismatch', 2]].sort((a, b) => (a[1] as number) - (b[1] as number)));
  });
});
