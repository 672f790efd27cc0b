// Reading an XLSX score table — in the worker thread (xlsx-worker.ts), never on the request's event loop.
import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import { checkInflated, checkZipDirectory, MAX_XLSX_COLUMNS, notXlsx, tooManyXlsxRows, xlsxTooLarge, type XlsxLimits } from './xlsx-limits';

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person sees: numbers with a decimal point, rich text joined, formulas by their result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText((value.result ?? '') as CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * The first worksheet of an XLSX file as tab-separated text, one line per sheet row (so row numbers in findings
 * are the spreadsheet's row numbers). Tabs inside cells become spaces, line breaks `cellBreak` (a space unless the
 * caller keeps them, e.g. as U+2028 for lists in one cell). Within the limits or 413.
 */
export async function xlsxToTsv(data: Buffer, limits: XlsxLimits, cellBreak = ' '): Promise<string> {
  checkInflated(data, checkZipDirectory(data, limits), limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'table_format', { vi: 'Tệp XLSX không có trang tính nào.', en: 'The XLSX file has no worksheet.' });
  if (sheet.rowCount > limits.maxRows) throw tooManyXlsxRows(limits.maxRows);
  const lines: string[] = Array.from({ length: sheet.rowCount }, () => '');
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_XLSX_COLUMNS) {
        throw xlsxTooLarge({ vi: `dòng ${r} có ô ở cột ${c}, quá ${MAX_XLSX_COLUMNS} cột.`, en: `row ${r} has a cell in column ${c}, beyond ${MAX_XLSX_COLUMNS} columns.` });
      }
      cells[c - 1] = cellText(cell.value).replace(/\t+/g, ' ').replace(/[\r\n]+/g, cellBreak).trim();
    });
    lines[r - 1] = Array.from(cells, (c) => c ?? '').join('\t');
  });
  return lines.join('\n');
}
