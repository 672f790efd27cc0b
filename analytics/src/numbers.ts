// Number reading and rounding as the published PAR INDEX tables do it.
import { stripHtml } from './text';

/**
 * Reads a score cell. Vietnamese tables use decimal commas (`9,48`), others decimal points (`9.50`);
 * both occur in one row (PAR-INDEX.md §7). Score cells never use thousands separators, so `66.108`
 * is 66.108 and `8,6183` is 8.6183. HTML tags are stripped first.
 * @returns the number, `null` for an empty cell, `'invalid'` for anything else.
 */
export function parseDecimal(raw: string): number | null | 'invalid' {
  const s = stripHtml(raw).replace(/[\s\u00a0]+/g, '');
  if (s === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return 'invalid';
  const value = Number(s.replace(',', '.'));
  return Number.isFinite(value) ? value : 'invalid';
}

/**
 * Rounds half away from zero ("half-up") on the decimal representation, so binary error does not decide
 * the result: roundTo(1.005, 2) = 1.01, roundTo(0.546265, 4) = 0.5463 (PAR-INDEX.md §1: published tables
 * round leaves to 4 decimals, totals to 2). The value is first read as its 15 significant digits.
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) return x;
  const sign = x < 0 ? -1 : 1;
  const [mantissa, exponent = '0'] = Math.abs(x).toPrecision(15).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  const rounded = Math.floor(shifted + 0.5);
  const result = Number(`${rounded}e${-decimals}`);
  return result === 0 ? 0 : sign * result;
}

/** Removes binary noise from a computed sum (0.1 + 0.2 → 0.3) without rounding away real digits. */
export function clean(x: number): number {
  return roundTo(x, 9);
}

/** Sum of the numbers, cleaned of binary noise. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return clean(total);
}

/** A number as messages print it: 4 decimals (published leaves have 4; PAR-INDEX.md §1). */
export function fmt4(x: number): string {
  return roundTo(x, 4).toFixed(4);
}

/** The same in Vietnamese number format: decimal comma (9,4800; DEVELOPERS.md: Vietnamese number formats). */
export function fmt4vi(x: number): string {
  return fmt4(x).replace('.', ',');
}
