import { describe, expect, it } from 'vitest';
import { readDelimited } from './delimited';
import { mulberry32 } from './random';
import { BLANK_CODE } from './sipas-codes';
import { readSipasResponses, SipasResponsesReader, type SipasStreamOptions, type SipasStreamResult } from './survey-csv-stream';
import { squash } from './text';

const B = BLANK_CODE;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Feeds `bytes` cut at the given offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[], itemIds: readonly string[], options: SipasStreamOptions = {}): SipasStreamResult {
  const reader = new SipasResponsesReader(itemIds, options);
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(from, at));
    from = at;
  }
  return reader.end();
}

/** Everything a result holds, as plain values (typed arrays as arrays). */
const plain = (r: SipasStreamResult) => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)));

// BOM, CRLF, quoted cells with the delimiter, a line end, "" and Vietnamese letters (2- and 3-byte UTF-8), a blank
// row, padded answers, a unit written two ways, a cell of no-break spaces, a row shorter than the header
const TRICKY = [
  '\uFEFFid,unit,level,ghi chú,a,b,fo',
  'P1,Sở Y tế,province,"Nói ""rất"" tốt, nhanh",5, 9 ,4',
  'P2,"Huyện Mèo\nVạc",commune,,1,,',
  ' , ,,,,,',
  'P3,  Sở   Y tế ,,"ờ\r\nừ", 4,\u00a0\u00a0,2',
  'P4,Sở Y tế,district',
].join('\r\n');

describe('SipasResponsesReader: a responses file fed in chunks', () => {
  const whole = readSipasResponses(TRICKY, ['a', 'b'], { optionalIds: ['fo'], text: true });

  it('reads the forms into code columns and unit indices', () => {
    expect(whole.errors).toEqual([]);
    const data = whole.data!;
    expect(data.forms).toBe(4);
    expect(data.questionIds).toEqual(['a', 'b', 'fo']);
    expect(data.units).toEqual(['Sở Y tế', 'Huyện Mèo Vạc']);
    expect([...data.unit]).toEqual([0, 1, 0, 0]);
    expect([...data.codes.a!]).toEqual([5, 1, 4, B]);
    expect([...data.codes.b!]).toEqual([9, B, B, B]);
    expect([...data.codes.fo!]).toEqual([4, B, 2, B]);
    expect(data.text).toEqual({
      ids: ['P1', 'P2', 'P3', 'P4'],
      levels: ['province', 'commune', null, 'district'],
      extra: { 'ghi chú': ['Nói "rất" tốt, nhanh', '', 'ờ ừ', ''] },
      lines: [2, 3, 6, 8],
    });
  });

  it('reads each cell as papaparse does (readDelimited, squashed)', () => {
    const rows = readDelimited(TRICKY).filter((r) => r.cells.some((c) => c.trim() !== '')).slice(1);
    const text = whole.data!.text!;
    expect(rows.map((r) => r.line)).toEqual(text.lines);
    expect(rows.map((r) => squash(r.cells[0]!))).toEqual(text.ids);
    expect(rows.map((r) => squash(r.cells[3] ?? ''))).toEqual(text.extra['ghi chú']);
  });

  it('gives the same result wherever the chunks are cut: inside quotes, CRLF and multi-byte characters', () => {
    const bytes = utf8(TRICKY);
    const expected = plain(whole);
    for (let at = 0; at <= bytes.length; at++) {
      expect(plain(chunked(bytes, [at], ['a', 'b'], { optionalIds: ['fo'], text: true })), `cut at byte ${at}`).toEqual(expected);
    }
    const rand = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const cuts: number[] = [];
      for (let at = 0; at < bytes.length; at += 1 + Math.floor(rand() * 7)) cuts.push(at);
      expect(plain(chunked(bytes, cuts, ['a', 'b'], { optionalIds: ['fo'], text: true }))).toEqual(expected);
    }
  });

  it.each([
    ['semicolons', 'unit;a;b\nU;"4";\nV;5;1\n', [4, 5]],
    ['tabs (quotes are text)', 'unit\ta\n"U\t4\nV\t5\n', [4, 5]],
    ['CR line ends', 'unit,a\rU,4\rV,5', [4, 5]],
    ['no line end at the end', 'unit,a\nU,4\nV,"5"', [4, 5]],
    ['a quote closed before spaces', 'unit,a\nU,"4"  \nV,5\n', [4, 5]],
  ])('reads %s', (_what, text, codes) => {
    const r = readSipasResponses(text, ['a']);
    expect(r.errors).toEqual([]);
    expect([...r.data!.codes.a!]).toEqual(codes);
    expect(r.data!.forms).toBe(2);
  });

  it('reports every bad cell with its row (lines of multi-line cells counted) and column, in Vietnamese and English', () => {
    const text = 'id,unit,note,a,b\nP1,,"x\ny",7,4\nP1,U,,x,\nP3,U,,4.0,５\n,V,,1,1\n';
    for (const cuts of [[], [5, 19, 20, 21, 40, 60]]) {
      const r = chunked(utf8(text), cuts, ['a', 'b']);
      expect(r.data).toBeNull();
      expect(r.problemCount).toBe(7);
      expect(r.errors.map((e) => e.message.en)).toEqual([
        'Row 2, column unit: the unit is missing.',
        'Row 2, column a: "7" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
        'Row 4, column id: form id "P1" already at row 2.',
        'Row 4, column a: "x" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
        'Row 5, column a: "4.0" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
        'Row 5, column b: "５" is not an answer (1, 2, 3, 4, 5, 9 or blank).',
        'Row 6, column id: the form id is missing.',
      ]);
      expect(r.errors[0]).toEqual({ row: 2, column: 'unit', message: { vi: 'Dòng 2, cột unit: thiếu đơn vị.', en: 'Row 2, column unit: the unit is missing.' } });
    }
    const few = readSipasResponses(text, ['a', 'b'], { maxProblems: 2 });
    expect([few.errors.length, few.problemCount]).toEqual([2, 7]);
  });

  it('reports a missing column, an empty file, and reads a header without forms', () => {
    expect(readSipasResponses('\n\nid,unit,a\n', ['a', 'b', 'c']).errors[0]!.message.en).toBe('Row 3: missing column(s) b, c.');
    expect(readSipasResponses(' \n', ['a']).errors[0]!.message.en).toBe('The file is empty.');
    expect(readSipasResponses(new Uint8Array(0), ['a']).errors[0]!.message.vi).toBe('Tệp trống.');
    expect(readSipasResponses('unit,a\n', ['a']).data!.forms).toBe(0);
  });

  it('grows its columns past the capacity it was given, or reserved', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `F${i},U${i % 7},${1 + (i % 5)}`);
    const bytes = utf8(`id,unit,a\n${rows.join('\n')}\n`);
    const reader = new SipasResponsesReader(['a'], { capacity: 16 });
    reader.push(bytes.subarray(0, 100));
    reader.reserve(600);
    reader.push(bytes.subarray(100));
    const { data } = reader.end();
    expect(data!.forms).toBe(1000);
    expect(data!.units).toHaveLength(7);
    expect([...data!.codes.a!]).toEqual(rows.map((_, i) => 1 + (i % 5)));
    expect([...data!.unit]).toEqual(rows.map((_, i) => i % 7));
  });
});
