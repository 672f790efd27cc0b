import { describe, expect, it } from 'vitest';
import { fmt4, parseDecimal, roundTo, sum } from './numbers';
import { fold, nameSimilarity, stripHtml } from './text';

describe('parseDecimal', () => {
  it.each([
    ['9.50', 9.5],
    ['9,48', 9.48],
    ['8,6183', 8.6183],
    ['1.5', 1.5],
    [' 2 ', 2],
    ['66.108', 66.108], // a score cell: the dot is a decimal point, never a thousands separator
    ['0.0', 0],
    ['-0,25', -0.25],
    ['<i>1.00</i>', 1],
    [',5', 0.5],
    ['', null],
    ['   ', null],
    ['<b></b>', null],
    ['abc', 'invalid'],
    ['1.234,5', 'invalid'],
    ['1,2,3', 'invalid'],
    ['84%', 'invalid'],
    ['-', 'invalid'],
  ] as const)('%j → %j', (raw, expected) => {
    expect(parseDecimal(raw)).toBe(expected);
  });
});

describe('roundTo (half-up on the decimal representation)', () => {
  it.each([
    [1.4634146, 4, 1.4634],
    [0.546265, 4, 0.5463],
    [7.783, 2, 7.78],
    [1.005, 2, 1.01],
    [1.0049999, 2, 1],
    [84.3919, 2, 84.39],
    [2.675, 2, 2.68], // 2.675 is 2.67499999… in binary
    [1.498232254555344, 4, 1.4982],
    [0.6580025912517717, 4, 0.658],
    [-1.005, 2, -1.01], // half away from zero
    [0.1 + 0.2, 9, 0.3],
    [12345.6789, 0, 12346],
    [1e-7, 4, 0],
    [-0.00001, 4, 0],
  ])('roundTo(%d, %d) = %d', (x, d, expected) => {
    expect(roundTo(x, d)).toBe(expected);
    expect(Object.is(roundTo(x, d), -0)).toBe(false);
  });

  it('sums without binary noise and formats 4 decimals', () => {
    expect(sum([0.1, 0.2])).toBe(0.3);
    expect(fmt4(1.98)).toBe('1.9800');
    expect(fmt4(-0.009)).toBe('-0.0090');
  });
});

describe('text helpers', () => {
  it('strips HTML and folds case and diacritics', () => {
    expect(stripHtml('<i>Tỷ lệ</i> &amp; <br/>số')).toBe('Tỷ lệ & số');
    expect(fold('  Điểm TỰ  đánh giá ')).toBe('diem tu danh gia');
  });
  it('measures name similarity on words', () => {
    expect(nameSimilarity('Công tác kiểm tra CCHC', 'công tác KIỂM TRA cchc')).toBe(1);
    expect(nameSimilarity('Công tác kiểm tra', 'Thu ngân sách')).toBe(0);
  });
});
