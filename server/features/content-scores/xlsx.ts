import ExcelJS from 'exceljs';
import { AppError } from '../../errors';

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
 * are the spreadsheet's row numbers). Tabs and line breaks inside cells become spaces.
 */
export async function xlsxToTsv(data: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'table_format', {
      vi: 'Không đọc được tệp XLSX (tệp hỏng hoặc không phải định dạng Excel .xlsx).',
      en: 'Cannot read the XLSX file (damaged, or not an Excel .xlsx file).',
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'table_format', { vi: 'Tệp XLSX không có trang tính nào.', en: 'The XLSX file has no worksheet.' });
  const lines: string[] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).replace(/[\t\r\n]+/g, ' ').trim());
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}
