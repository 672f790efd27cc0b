// CSV as the exports write it: UTF-8 with a byte-order mark (Excel then reads Vietnamese letters right), CRLF line
// ends, RFC 4180 quoting; `decimalComma`: ';' between cells and decimal commas, for Excel under Vietnamese settings.
import Papa from 'papaparse';
import { roundTo } from '../../../analytics/src/index';

/** 2–4 decimals as published (2.00, 1.4981), decimal point or comma, no thousands separator. */
export function csvNumber(x: number | null, decimalComma: boolean): string {
  if (x === null) return '';
  const s = roundTo(x, 4).toFixed(4).replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');
  return decimalComma ? s.replace('.', ',') : s;
}

/** Excel reads a cell that starts with = + - @ as a formula ("- Tổng số đơn vị…" would show #NAME?): a space keeps it text. */
export const asText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? ` ${s}` : s);

export function csvFile(header: readonly string[], rows: readonly (readonly string[])[], decimalComma: boolean): Buffer {
  const text = Papa.unparse([[...header], ...rows.map((r) => [...r])], { delimiter: decimalComma ? ';' : ',', newline: '\r\n' });
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}
