import Papa from 'papaparse';
import { AppError } from '../errors';
import { CONTROL, LONE_SURROGATE } from './untrusted-json';

/** A character PostgreSQL cannot store (U+0000), another control character, or half of a surrogate pair. */
const BAD_CHARACTER = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`);

/** Folds Vietnamese for header matching: no diacritics, đ → d, lower case. */
export const foldHeader = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().trim();

export interface CsvRowError {
  row: number;
  column: string;
  message: { vi: string; en: string };
}

export interface CsvLine<C extends string> {
  /** the file's line number (the header is line 1) */
  row: number;
  get(column: C): string;
  /**
   * the column's header as the file wrote it ("Điện thoại" for `phone`), for messages: people see their own header,
   * not our internal name (issue 12 item 9); the internal name when the file has no such column
   */
  header(column: C): string;
  /** an error about this line's cell in that column, naming the file's header */
  cellError(column: C, vi: string, en: string): CsvRowError;
}

/** Row errors shown in a response: the first ones, with the total in `errorCount` (issue 9: answers stay small). */
export const MAX_REPORTED_ROW_ERRORS = 200;

/** Collects a file's row errors: counts them all, keeps the first MAX_REPORTED_ROW_ERRORS. */
export class RowErrors {
  readonly shown: CsvRowError[] = [];
  length = 0;

  push(error: CsvRowError): void {
    this.length++;
    if (this.shown.length < MAX_REPORTED_ROW_ERRORS) this.shown.push(error);
  }

  /** The response fields: `errors` (the first ones) and `errorCount` (all). */
  report(): { errors: CsvRowError[]; errorCount: number } {
    return { errors: this.shown, errorCount: this.length };
  }

  /** Refuses a commit when there is any error: 400 with the first errors and the count; nothing is stored. */
  refuseAny(): void {
    if (this.length === 0) return;
    const first = this.shown[0]!.message;
    throw new AppError(400, 'validation', {
      vi: `Tệp có ${this.length} lỗi; chưa lưu gì. ${first.vi}`,
      en: `The file has ${this.length} error(s); nothing was stored. ${first.en}`,
    }, this.report());
  }
}

/** 413 for a file with more data rows than an import takes. */
export function tooManyRows(maxRows: number): AppError {
  return new AppError(413, 'too_large', {
    vi: `Tệp có hơn ${maxRows.toLocaleString('vi-VN')} dòng dữ liệu — quá giới hạn của mục nhập này; hãy chia thành các tệp nhỏ hơn. Chưa lưu gì.`,
    en: `The file has more than ${maxRows.toLocaleString('en-US')} data rows — above this import's limit; split it into smaller files. Nothing was stored.`,
  }, { maxRows });
}

/**
 * Reads a CSV (UTF-8, with or without BOM) whose header names its columns in English or Vietnamese (matched without
 * diacritics). Returns the non-empty data lines, or errors naming each missing required column. Parsing stops with
 * 413 past `maxRows` non-blank data lines, so a huge file never becomes a huge array.
 */
export function readCsv<C extends string>(
  text: string, aliases: Record<C, string[]>, required: readonly C[], maxRows: number,
): { lines: CsvLine<C>[]; errors: RowErrors } {
  const errors = new RowErrors();
  const lines: CsvLine<C>[] = [];
  const index = new Map<C, number>();
  const written = new Map<C, string>();
  const header = (col: C) => written.get(col) || col;
  let row = 0;
  let tooMany = false;
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: false,
    step: (result, parser) => {
      const cells = result.data.map(String);
      row++;
      if (row === 1) {
        cells.forEach((h, i) => {
          for (const [col, names] of Object.entries(aliases) as [C, string[]][]) {
            if (col === foldHeader(h) || names.includes(foldHeader(h))) {
              index.set(col, i);
              written.set(col, h.replace(/^\uFEFF/, '').trim());
            }
          }
        });
        return;
      }
      if (cells.every((c) => c.trim() === '')) return;
      if (lines.length === maxRows) {
        tooMany = true;
        parser.abort();
        return;
      }
      for (const [col, i] of index) {
        if (BAD_CHARACTER.test(cells[i] ?? '')) {
          errors.push(cellError(row, header(col), 'có ký tự điều khiển hoặc ký tự hỏng (như văn bản bị cắt giữa một biểu tượng cảm xúc); hãy sửa ô này.',
            'contains a control character or a broken character (such as text cut in the middle of an emoji); correct this cell.'));
        }
      }
      const lineRow = row;
      lines.push({
        row: lineRow,
        get: (col) => (index.has(col) ? (cells[index.get(col)!] ?? '').trim() : ''),
        header,
        cellError: (col, vi, en) => cellError(lineRow, header(col), vi, en),
      });
    },
  });
  if (tooMany) throw tooManyRows(maxRows);
  const missing = new RowErrors();
  for (const col of required.filter((c) => !index.has(c))) {
    missing.push({ row: 1, column: col, message: { vi: `Thiếu cột "${col}" (hoặc: ${aliases[col].join(', ')}).`, en: `Column "${col}" is missing.` } });
  }
  if (missing.length) return { lines: [], errors: missing };
  if (lines.length === 0) errors.push({ row: 2, column: required[0] ?? '', message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } });
  return { lines, errors };
}

/** An error about one cell, worded with the row and column (the header as the file wrote it) in both languages. */
export const cellError = (row: number, column: string, vi: string, en: string): CsvRowError => ({
  row,
  column,
  message: { vi: `Dòng ${row}, cột ${column}: ${vi}`, en: `Row ${row}, column ${column}: ${en}` },
});

/** A population count as people type it: 12345, 12.345, 12,345 or 12 345; null when it is not one. */
export function parsePopulation(s: string): number | null {
  const t = s.trim();
  if (!/^\d+$/.test(t) && !/^\d{1,3}([., \u00a0]\d{3})+$/.test(t)) return null;
  return Number(t.replace(/\D/g, ''));
}

/** The `population` cell of a CSV row: the number, or the vi/en problem with it (a whole number above zero, int4). */
export function populationCell(text: string): { population: number } | { vi: string; en: string } {
  const population = parsePopulation(text);
  if (population === null || population <= 0 || population > 2_147_483_647) {
    return { vi: `dân số "${text}" phải là số nguyên lớn hơn 0.`, en: `population "${text}" must be a whole number above zero.` };
  }
  return { population };
}
