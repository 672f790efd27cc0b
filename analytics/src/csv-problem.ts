// A bad cell or header of a survey file, with its row and column, in Vietnamese and English (issue 5).

/** A bad cell or header, with its 1-based line and column, in Vietnamese and English. */
export interface CsvProblem {
  row: number;
  column: string;
  message: { vi: string; en: string };
}

export function csvProblem(row: number, column: string, vi: string, en: string): CsvProblem {
  return { row, column, message: { vi: `Dòng ${row}${column ? `, cột ${column}` : ''}: ${vi}`, en: `Row ${row}${column ? `, column ${column}` : ''}: ${en}` } };
}

export function missingColumns(line: number, missing: readonly string[]): CsvProblem {
  const list = missing.join(', ');
  return csvProblem(line, '', `thiếu cột ${list}.`, `missing column(s) ${list}.`);
}

export const EMPTY_FILE: CsvProblem = { row: 1, column: '', message: { vi: 'Tệp trống.', en: 'The file is empty.' } };
