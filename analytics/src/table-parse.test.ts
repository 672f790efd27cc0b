import { describe, expect, it } from 'vitest';
import { normalizeCode, parseScoreTable, TableFormatError } from './table-parse';
import { roleOf } from './table-headers';
import { haGiang2022 } from './test-support/fixtures';

describe('header recognition (case- and diacritic-insensitive)', () => {
  it.each([
    ['STT', 'code'],
    ['stt', 'code'],
    ['Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'name'],
    ['Nội dung', 'name'],
    ['TIEU CHI', 'name'],
    ['Điểm tối đa', 'max'],
    ['Điểm chuẩn', 'max'],
    ['Điểm tự đánh giá', 'self'],
    ['Bộ Nội vụ đánh giá', 'appraised'],
    ['Điểm thẩm định', 'appraised'],
    ['Kết quả thẩm định', 'appraised'],
    ['Ghi chú', 'note'],
    ['Chi chú', 'note'],
    ['Ý kiến hội đồng thẩm định', 'note'],
    ['Đơn vị phụ trách', null],
  ])('%j → %s', (header, role) => {
    expect(roleOf(header)).toBe(role);
  });
});

describe('normalizeCode', () => {
  it.each([
    ['7.3.', '7.3'],
    [' 1.1 ', '1.1'],
    ['<i>2.4.1</i>', '2.4.1'],
    ['VIII', '8'],
    ['5. 1', '5.1'],
  ])('%j → %j', (raw, code) => expect(normalizeCode(raw)).toBe(code));
});

describe('parseScoreTable on small tables', () => {
  it('reads CSV with quotes spanning lines, BOM, decimal commas; rows keep physical line numbers', () => {
    const csv = '\uFEFFSTT,Nội dung,Điểm chuẩn,Điểm tự đánh giá,Điểm thẩm định,Ý kiến hội đồng thẩm định\n'
      + '1,"Field, one",2,"1,5",1.50,"a note\nover two lines"\n'
      + '1.1,<i>Leaf</i>,2,"1,5",1.5,\n'
      + 'Tổng cộng,,2,"1,5","1,5",\n';
    const t = parseScoreTable(csv);
    expect(t.columns).toEqual({ code: 'STT', name: 'Nội dung', max: 'Điểm chuẩn', self: 'Điểm tự đánh giá', appraised: 'Điểm thẩm định', note: 'Ý kiến hội đồng thẩm định' });
    expect(t.rows.map((r) => [r.row, r.code, r.name, r.self.value, r.appraised.value])).toEqual([
      [2, '1', 'Field, one', 1.5, 1.5],
      [4, '1.1', 'Leaf', 1.5, 1.5],
      [5, 'TOTAL', '', 1.5, 1.5],
    ]);
    expect(t.rows[0]?.note).toBe('a note over two lines');
  });

  it('reads semicolon CSV and a table without a self-assessed column, skipping title rows above the header', () => {
    const t = parseScoreTable('Phụ lục 2;;;\nSTT;Tiêu chí;Điểm tối đa;Điểm thẩm định\n1;A;1,5;1,25\n');
    expect(t.columns.self).toBeNull();
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]).toMatchObject({ row: 3, code: '1', max: { value: 1.5 }, self: { raw: '', value: null }, appraised: { value: 1.25 } });
  });

  it.each([
    ['TỔNG ĐIỂM', 'TOTAL'],
    ['Tổng cộng', 'TOTAL'],
    ['Tổng số điểm', 'TOTAL'],
    ['Tổng hợp', ''],
  ])('reads a name-only row %j as code %j', (label, code) => {
    const t = parseScoreTable(`STT\tTiêu chí\tĐiểm tối đa\tĐiểm thẩm định\n\t${label}\t1\t1\n`);
    expect(t.rows.map((r) => r.code)).toEqual([code]);
  });

  it('keeps a cell it cannot read as invalid', () => {
    const t = parseScoreTable('STT\tTiêu chí\tĐiểm tối đa\tĐiểm thẩm định\n1\tA\t1\tabc\n');
    expect(t.rows[0]?.appraised).toEqual({ raw: 'abc', value: null, invalid: true });
  });

  it.each([
    ['no appraised column', 'STT\tTiêu chí\tĐiểm tối đa\tGhi chú\n1\tA\t1\t\n', ['appraised'], /Bộ Nội vụ đánh giá/],
    ['no max and no code column', 'Tiêu chí,Điểm thẩm định\nA,1\n', ['code', 'max'], /STT.*Điểm tối đa/],
    ['nothing like a header', 'a,b\n1,2\n', ['code', 'name', 'max', 'appraised'], /maximum points/],
  ])('throws TableFormatError when there is %s', (_what, text, missing, message) => {
    let error: unknown;
    try {
      parseScoreTable(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableFormatError);
    expect((error as TableFormatError).missing).toEqual(missing);
    expect((error as TableFormatError).message).toMatch(message);
    expect((error as TableFormatError).vi).toMatch(/^Không tìm thấy dòng tiêu đề/);
  });
});

describe('parseScoreTable on Hà Giang 2022 (PAR-INDEX.md §7)', () => {
  const { table, text } = haGiang2022();
  const byCode = (code: string) => table.rows.filter((r) => r.code === code);

  it('skips the header and its 8 repeats and folds the 2 continuation rows', () => {
    expect(text.split('\n').filter((l) => l.startsWith('STT\t'))).toHaveLength(9);
    expect(table.rows).toHaveLength(145 - 9 - 2);
    expect(table.columns).toEqual({ code: 'STT', name: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', max: 'Điểm tối đa', self: 'Điểm tự đánh giá', appraised: 'Bộ Nội vụ đánh giá', note: 'Chi chú' });
  });

  it('reads mixed decimal points and commas in one row', () => {
    expect(byCode('1')[0]).toMatchObject({ row: 2, max: { value: 9.5 }, self: { raw: '9,48', value: 9.48 }, appraised: { raw: '8,6183', value: 8.6183 } });
  });

  it('strips italics, normalises 7.3. and keeps physical line numbers', () => {
    expect(byCode('1.3.1')[0]?.name).toBe('Tỷ lệ cơ quan chuyên môn cấp tỉnh và đơn vị hành chính cấp huyện được kiểm tra trong năm');
    expect(byCode('7.3')[0]).toMatchObject({ row: 120, rawCode: '7.3.' });
    expect(byCode('5.1.2').map((r) => r.row)).toEqual([69, 70]);
  });

  it('does not let the stray quotes of 1.5 swallow lines', () => {
    expect(byCode('1.5')[0]).toMatchObject({ row: 9, appraised: { value: 1.5 } });
    expect(byCode('1.5')[0]?.note).toContain('"Cải thiện điều kiện tiếp cận');
    expect(byCode('1.6')[0]?.row).toBe(10);
  });

  it('appends continuation rows to the previous note across a repeated header', () => {
    const note = byCode('3.2.2')[0]?.note ?? '';
    expect(note).toMatch(/^Không cập nhật đầy đủ/);
    expect(note).toMatch(/liên quan đến tài sản là động sản \(quy định TTHC tại Thông tư 20\/2015\/TT-BTP hết hiệu lực từ 2020\)$/);
    expect(byCode('8.3.2')[0]?.note).toMatch(/tỷ đồng Số vốn .* CÔNG TY TRÁCH NHIỆM HỮU HẠN HÀ GIANG XANH\.VN giảm vốn/);
  });

  it('reads the TỔNG ĐIỂM row as TOTAL and keeps empty self cells empty', () => {
    expect(byCode('TOTAL')).toEqual([
      expect.objectContaining({ row: 145, name: 'TỔNG ĐIỂM', max: { raw: '100.00', value: 100 }, self: { raw: '63,3037', value: 63.3037 }, appraised: { raw: '84,4089', value: 84.4089 } }),
    ]);
    expect(byCode('8.1.1')[0]?.self).toEqual({ raw: '', value: null });
  });

  it('gives the same rows for CRLF line ends', () => {
    const crlf = parseScoreTable(text.replace(/\n/g, '\r\n'));
    expect(crlf.rows.map((r) => [r.row, r.code, r.appraised.value])).toEqual(table.rows.map((r) => [r.row, r.code, r.appraised.value]));
  });
});
