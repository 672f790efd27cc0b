import Papa from 'papaparse';

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
}

/**
 * Reads a CSV (UTF-8, with or without BOM) whose header names its columns in English or Vietnamese (matched without
 * diacritics). Returns the non-empty data lines, or errors naming each missing required column.
 */
export function readCsv<C extends string>(text: string, aliases: Record<C, string[]>, required: readonly C[]): { lines: CsvLine<C>[]; errors: CsvRowError[] } {
  const data = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
  const header = data[0] ?? [];
  const index = new Map<C, number>();
  header.forEach((h, i) => {
    for (const [col, names] of Object.entries(aliases) as [C, string[]][]) if (col === foldHeader(h) || names.includes(foldHeader(h))) index.set(col, i);
  });
  const errors: CsvRowError[] = required
    .filter((col) => !index.has(col))
    .map((col) => ({ row: 1, column: col, message: { vi: `Thiếu cột "${col}" (hoặc: ${aliases[col].join(', ')}).`, en: `Column "${col}" is missing.` } }));
  if (errors.length) return { lines: [], errors };
  const lines: CsvLine<C>[] = [];
  data.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    lines.push({ row: i + 2, get: (col) => (index.has(col) ? (cells[index.get(col)!] ?? '').trim() : '') });
  });
  if (lines.length === 0) errors.push({ row: 2, column: required[0] ?? '', message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } });
  return { lines, errors };
}

/** An error about one cell, worded with the row and column in both languages. */
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
