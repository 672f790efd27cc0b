// Reads the units file of a provincial ranking: unit,group,appraised,sipas,max (PAR-INDEX.md §5).
import type { UnitScore } from './ranking';
import { readDelimited } from './delimited';
import { clean, parseDecimal } from './numbers';
import { squash } from './text';

export interface UnitsCsvError {
  /** 1-based line of the file */
  row: number;
  column: string;
  message: { vi: string; en: string };
}

const COLUMNS = ['unit', 'group', 'appraised', 'sipas', 'max'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * score = appraised + sipas; sipas blank = the unit has no citizen survey (then its max is usually reduced,
 * e.g. 60: PAR-INDEX.md §5). Numbers may use a decimal comma. Every bad cell is reported with row and column.
 */
export function parseUnitsCsv(text: string): { units: UnitScore[]; errors: UnitsCsvError[] } {
  const rows = readDelimited(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = rows[0];
  const errors: UnitsCsvError[] = [];
  if (!header) return { units: [], errors: [{ row: 1, column: '', message: { vi: 'Tệp trống.', en: 'The file is empty.' } }] };
  const at = new Map(header.cells.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = COLUMNS.filter((c) => !at.has(c));
  if (missing.length > 0) {
    const list = missing.join(', ');
    return { units: [], errors: [{ row: header.line, column: list, message: { vi: `Dòng ${header.line}: thiếu cột ${list} (cần: ${COLUMNS.join(',')}).`, en: `Row ${header.line}: missing column(s) ${list} (expected: ${COLUMNS.join(',')}).` } }] };
  }
  const units: UnitScore[] = [];
  const seen = new Set<string>();
  for (const { cells, line } of rows.slice(1)) {
    const get = (c: Column): string => squash(cells[at.get(c) as number] ?? '');
    const bad = (column: Column | string, vi: string, en: string): void => {
      errors.push({ row: line, column, message: { vi: `Dòng ${line}, cột ${column}: ${vi}`, en: `Row ${line}, column ${column}: ${en}` } });
    };
    const num = (c: Column, opts: { optional?: boolean; positive?: boolean }): number | null => {
      const raw = get(c);
      const v = parseDecimal(raw);
      if (v === null) {
        if (!opts.optional) bad(c, 'thiếu giá trị.', 'the value is missing.');
        return null;
      }
      if (v === 'invalid') {
        bad(c, `"${raw}" không phải là số.`, `"${raw}" is not a number.`);
        return null;
      }
      if (opts.positive ? v <= 0 : v < 0) {
        bad(c, `${raw} phải ${opts.positive ? 'lớn hơn 0' : 'không âm'}.`, `${raw} must be ${opts.positive ? 'greater than 0' : 'at least 0'}.`);
        return null;
      }
      return v;
    };
    const unit = get('unit');
    const group = get('group');
    if (unit === '') bad('unit', 'thiếu tên đơn vị.', 'the unit name is missing.');
    if (group === '') bad('group', 'thiếu nhóm.', 'the group is missing.');
    const appraised = num('appraised', {});
    const sipas = num('sipas', { optional: true });
    const max = num('max', { positive: true });
    if (unit === '' || group === '' || appraised === null || max === null || (sipas === null && get('sipas') !== '')) continue;
    const score = clean(appraised + (sipas ?? 0));
    if (score > max) {
      bad('max', `điểm ${score} (appraised + sipas) vượt điểm tối đa ${max}.`, `score ${score} (appraised + sipas) exceeds the maximum ${max}.`);
      continue;
    }
    if (seen.has(`${group}\u0000${unit}`)) {
      bad('unit', `đơn vị "${unit}" lặp lại trong nhóm "${group}".`, `unit "${unit}" appears twice in group "${group}".`);
      continue;
    }
    seen.add(`${group}\u0000${unit}`);
    units.push({ unit, group, score, max });
  }
  return { units, errors };
}
