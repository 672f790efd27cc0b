// Reading an XLSX score table — in the worker thread (xlsx-worker.ts), never on the request's event loop.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../../errors';
import { inflatedTooLarge, MAX_XLSX_COLUMNS, notXlsx, xlsxTooLarge, type XlsxLimits } from './xlsx-limits';

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

const tooManyRows = (maxRows: number) =>
  xlsxTooLarge({ vi: `trang tính có hơn ${maxRows} dòng.`, en: `a worksheet has more than ${maxRows} rows.` }, { maxRows });

/** Row elements (`<row …>`, with or without a namespace prefix) in chunks of a worksheet's XML. */
class RowCounter {
  count = 0;
  private carry = '';

  add(chunk: Uint8Array): void {
    const text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    // a match lying wholly in the carried tail was counted with the previous chunk
    for (const m of text.matchAll(/<(?:[A-Za-z0-9_]{1,8}:)?row[\s>/]/g)) if (m.index + m[0].length > this.carry.length) this.count++;
    this.carry = text.slice(-16);
  }
}

/**
 * Inflates every part of the archive once, counting: refuses (413) as soon as the inflated bytes pass
 * `maxInflatedBytes` — whatever the central directory declared — or a worksheet passes `maxRows` row elements.
 */
async function checkInflated(zip: JSZip, limits: XlsxLimits): Promise<void> {
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const rows = /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(file.name) ? new RowCounter() : null;
    await new Promise<void>((resolve, reject) => {
      // JSZip's chunked inflation (the same library and archive ExcelJS reads next)
      const stream = (file as unknown as { internalStream(type: 'uint8array'): JSZipStream }).internalStream('uint8array');
      stream
        .on('data', (chunk) => {
          total += chunk.length;
          rows?.add(chunk);
          if (total > limits.maxInflatedBytes) reject(inflatedTooLarge(limits.maxInflatedBytes));
          else if (rows && rows.count > limits.maxRows) reject(tooManyRows(limits.maxRows));
          else return;
          stream.pause();
        })
        .on('error', () => reject(notXlsx()))
        .on('end', () => resolve())
        .resume();
    });
  }
}

interface JSZipStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', cb: (err: Error) => void): JSZipStream;
  on(event: 'end', cb: () => void): JSZipStream;
  resume(): JSZipStream;
  pause(): JSZipStream;
}

/**
 * The first worksheet of an XLSX file as tab-separated text, one line per sheet row (so row numbers in findings
 * are the spreadsheet's row numbers). Tabs and line breaks inside cells become spaces. Within the limits or 413.
 */
export async function xlsxToTsv(data: Buffer, limits: XlsxLimits): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw notXlsx();
  }
  await checkInflated(zip, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'table_format', { vi: 'Tệp XLSX không có trang tính nào.', en: 'The XLSX file has no worksheet.' });
  if (sheet.rowCount > limits.maxRows) throw tooManyRows(limits.maxRows);
  const lines: string[] = Array.from({ length: sheet.rowCount }, () => '');
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_XLSX_COLUMNS) {
        throw xlsxTooLarge({ vi: `dòng ${r} có ô ở cột ${c}, quá ${MAX_XLSX_COLUMNS} cột.`, en: `row ${r} has a cell in column ${c}, beyond ${MAX_XLSX_COLUMNS} columns.` });
      }
      cells[c - 1] = cellText(cell.value).replace(/[\t\r\n]+/g, ' ').trim();
    });
    lines[r - 1] = Array.from(cells, (c) => c ?? '').join('\t');
  });
  return lines.join('\n');
}
