import { describe, expect, it } from 'vitest';
import type { Finding } from './types';
import { parseCriteriaCsv } from './criteria-csv';
import { parseScoreTable } from './table-parse';
import { validateScoreTable } from './table-validate';
import { haGiang2022 } from './test-support/fixtures';

const pairs = (findings: Finding[]) => new Set(findings.map((f) => `${f.kind} ${f.code}`));

describe('validateScoreTable on Hà Giang 2022 with par-province-2022 (PAR-INDEX.md §7)', () => {
  const { table, set } = haGiang2022();
  const findings = validateScoreTable(table, set);
  const find = (kind: string, code: string, column?: string) =>
    findings.filter((f) => f.kind === kind && f.code === code && (column === undefined || f.column === column));

  it('reports exactly the published faults, their allowed knock-ons and the 8.1 rounding — nothing else', () => {
    const expected: [string, string][] = [
      ['duplicate_code', '5.1.2'], // fault 1: the second 5.1.2 row …
      ['missing_code', '5.1.3'], //   … is 5.1.3, which is then missing
      ['sum_mismatch', '1.3'], // fault 2: 2.0 stated, sub-criteria sum to 1.98 (self and appraised)
      ['sum_mismatch', '5'], // fault 3: 11.7898 appraised stated, criteria sum to 11.7808
      ['max_mismatch', '8'], // fault 4: 16.5 printed, children's maxima sum to 16.0 …
      ['max_mismatch', '8.4'], //   … because 8.4 is printed 1.00 where the set says 1.5
      ['sum_mismatch', '1'], // knock-on of fault 2: field 1 self 9.48 vs criteria rows 9.5
      ['score_exceeds_max', '8.4'], // knock-on of fault 4: self 1.50 above the printed 1.00
      ['sum_mismatch', 'TOTAL'], // knock-on of fault 3: 84.4089 vs field rows 84.4179
      ['rounding', '8.1'], // info: 7.78 vs 7.783
    ];
    expect(pairs(findings)).toEqual(new Set(expected.map(([kind, code]) => `${kind} ${code}`)));
    expect(findings).toHaveLength(expected.length + 1); // 1.3 twice: self and appraised
  });

  it('gives rows, columns and numbers', () => {
    expect(find('duplicate_code', '5.1.2')).toEqual([expect.objectContaining({ row: 70, column: 'code', severity: 'error' })]);
    expect(find('duplicate_code', '5.1.2')[0]?.message.en).toContain('did you mean 5.1.3?');
    expect(find('duplicate_code', '5.1.2')[0]?.message.vi).toContain('có phải là 5.1.3?');
    expect(find('missing_code', '5.1.3')).toEqual([expect.objectContaining({ row: null, severity: 'error' })]);
    expect(find('sum_mismatch', '1.3').map((f) => [f.row, f.column, f.actual, f.expected, f.severity])).toEqual([
      [5, 'self', 2, 1.98, 'error'],
      [5, 'appraised', 2, 1.98, 'error'],
    ]);
    expect(find('sum_mismatch', '5')).toEqual([expect.objectContaining({ row: 66, column: 'appraised', actual: 11.7898, expected: 11.7808, severity: 'error' })]);
    expect(find('max_mismatch', '8')).toEqual([expect.objectContaining({ row: 129, column: 'max', actual: 16.5, expected: 16, severity: 'error' })]);
    expect(find('max_mismatch', '8.4')).toEqual([expect.objectContaining({ row: 143, column: 'max', actual: 1, expected: 1.5, severity: 'error' })]);
    expect(find('sum_mismatch', '1')).toEqual([expect.objectContaining({ row: 2, column: 'self', actual: 9.48, expected: 9.5, severity: 'warning' })]);
    expect(find('score_exceeds_max', '8.4')).toEqual([expect.objectContaining({ row: 143, column: 'self', actual: 1.5, expected: 1, severity: 'warning' })]);
    expect(find('sum_mismatch', 'TOTAL')).toEqual([expect.objectContaining({ row: 145, column: 'appraised', actual: 84.4089, expected: 84.4179, severity: 'warning' })]);
    expect(find('rounding', '8.1')).toEqual([expect.objectContaining({ row: 130, column: 'appraised', actual: 7.78, expected: 7.783, severity: 'info' })]);
  });

  it('writes bilingual messages with 4 decimals, where and what', () => {
    const [self13] = find('sum_mismatch', '1.3', 'self');
    expect(self13?.message.vi).toBe('Dòng 5, mã 1.3, cột "Điểm tự đánh giá": ghi 2,0000 nhưng tổng các mục con là 1,9800 (chênh 0,0200).');
    expect(self13?.message.en).toBe('Row 5, code 1.3, self-assessed column: states 2.0000 but its child rows sum to 1.9800 (difference 0.0200).');
    expect(find('sum_mismatch', 'TOTAL')[0]?.message.vi).toContain('Đây là hệ quả của sai lệch ở 5.');
    expect(find('max_mismatch', '8.4')[0]?.message.vi).toBe('Dòng 143, mã 8.4, cột "Điểm tối đa": điểm tối đa ghi 1,0000 nhưng bộ tiêu chí par-province-2022 quy định 1,5000.');
    expect(find('max_mismatch', '8')[0]?.message.en).toContain('printed maximum 16.5000 but the child rows\' printed maxima sum to 16.0000');
  });

  it('does not sum the empty self column of survey leaves (empty is not 0)', () => {
    expect(findings.filter((f) => ['2.4', '5.7', '8.1'].includes(f.code) && f.column === 'self')).toEqual([]);
  });
});

describe('validateScoreTable on small tables', () => {
  const set = parseCriteriaCsv(
    'code,parent,level,name,max_points,source\n1,,0,Field,3,\n1.1,1,1,Plan,1,content\n1.2,1,1,Survey,2,leadership_survey\n',
    { code: 'mini', year: 2024, name: 'mini' },
  );
  const header = 'STT\tTiêu chí\tĐiểm tối đa\tĐiểm tự đánh giá\tĐiểm thẩm định\tGhi chú\n';
  const check = (rows: string) => validateScoreTable(parseScoreTable(header + rows), set);

  it('accepts a consistent table', () => {
    expect(check('1\tField\t3\t1\t2,5\t\n1.1\tPlan\t1\t1\t1\t\n1.2\tSurvey\t2\t\t1.5\t\nTổng điểm\t\t3\t1\t2,5\t\n')).toEqual([]);
  });

  it.each([
    ['an unknown code', '1\tField\t3\t\t1\t\n1.1\tPlan\t1\t\t1\t\n1.2\tSurvey\t2\t\t0\t\n1.9\tExtra\t0\t\t0\t\n', 'unknown_code 1.9', 5, 'code'],
    ['a row with numbers and no code', '1\tField\t3\t\t1\t\n1.1\tPlan\t1\t\t1\t\n1.2\tSurvey\t2\t\t0\t\n\tStray\t\t\t0\t\n', 'unknown_code ', 5, 'code'],
    ['an unreadable number', '1\tField\t3\t\t1\t\n1.1\tPlan\t1\t\tmột\t\n1.2\tSurvey\t2\t\t0\t\n', 'unparsable_number 1.1', 3, 'appraised'],
    ['a score above the set maximum', '1\tField\t3\t\t2.5\t\n1.1\tPlan\t\t\t1.5\t\n1.2\tSurvey\t2\t\t1\t\n', 'score_exceeds_max 1.1', 3, 'appraised'],
  ])('reports %s', (_what, rows, pair, row, column) => {
    const findings = check(rows);
    expect(findings.map((f) => `${f.kind} ${f.code}`)).toEqual([pair]);
    expect(findings[0]).toMatchObject({ row, column, severity: 'error' });
  });

  it('reports negative scores, missing codes, and sum mismatches of the total', () => {
    const findings = check('1\tField\t3\t\t-1\t\n1.1\tPlan\t1\t\t-1\t\nTổng cộng\t\t3\t\t0\t\n');
    expect(findings.map((f) => [f.kind, f.code, f.row, f.column])).toEqual([
      ['negative_score', '1', 2, 'appraised'],
      ['max_mismatch', '1', 2, 'max'],
      ['negative_score', '1.1', 3, 'appraised'],
      ['sum_mismatch', 'TOTAL', 4, 'appraised'],
      ['missing_code', '1.2', null, 'code'],
    ]);
    expect(findings[4]?.message.vi).toBe('Bảng thiếu mã 1.2 (Survey) của bộ tiêu chí mini.');
  });
});
