// Reads the survey files of the command line and of imports (issue 5, "Command line"): SIPAS responses
// (one row per form), stratum populations (unit,population) and leadership answer sheets (one row per sheet).
import { readDelimited, type RawRow } from './delimited';
import { type LeadershipAnswer, type LeadershipOption, type LeadershipSheet, leadershipAnswer } from './leadership';
import { parseDecimal } from './numbers';
import { squash } from './text';

/** A bad cell or header, with its 1-based line and column, in Vietnamese and English. */
export interface CsvProblem {
  row: number;
  column: string;
  message: { vi: string; en: string };
}

function problem(row: number, column: string, vi: string, en: string): CsvProblem {
  return { row, column, message: { vi: `Dòng ${row}${column ? `, cột ${column}` : ''}: ${vi}`, en: `Row ${row}${column ? `, column ${column}` : ''}: ${en}` } };
}

function table(text: string): { header: RawRow; rows: RawRow[]; at: Map<string, number> } | CsvProblem {
  const all = readDelimited(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = all[0];
  if (!header) return { row: 1, column: '', message: { vi: 'Tệp trống.', en: 'The file is empty.' } };
  const at = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const name = squash(h);
    if (!at.has(name)) at.set(name, i);
  });
  return { header, rows: all.slice(1), at };
}

function missingColumns(line: number, missing: readonly string[]): CsvProblem {
  const list = missing.join(', ');
  return problem(line, '', `thiếu cột ${list}.`, `missing column(s) ${list}.`);
}

export interface SipasResponses {
  /** the `id` column (the row number when the file has none) */
  ids: string[];
  units: string[];
  /** the `level` column (level of government), null when blank or absent */
  levels: (string | null)[];
  /** question id → answer per form: 1–5, 9 ("don't know"), NaN (blank) */
  answers: Record<string, Float64Array>;
  /** every other column, as text (demographics …) */
  extra: Record<string, string[]>;
  /** 1-based line of each form */
  lines: number[];
}

/**
 * SIPAS responses: one row per form, `id,unit,level`, demographics, then one column per item id with 1–5, 9
 * ("Không biết") or blank. `unit` and every id of `itemIds` are required columns; `optionalIds` (the overall
 * questions) are read when present. Every bad cell is reported.
 */
export function parseSipasResponses(
  text: string,
  itemIds: readonly string[],
  options: { optionalIds?: readonly string[]; allowed?: readonly number[] } = {},
): { data: SipasResponses | null; errors: CsvProblem[] } {
  const t = table(text);
  if (!('header' in t)) return { data: null, errors: [t] };
  const allowed = options.allowed ?? [1, 2, 3, 4, 5, 9];
  const missing = ['unit', ...itemIds].filter((c) => !t.at.has(c));
  if (missing.length > 0) return { data: null, errors: [missingColumns(t.header.line, missing)] };
  const questionIds = [...itemIds, ...(options.optionalIds ?? []).filter((id) => t.at.has(id) && !itemIds.includes(id))];
  const special = new Set(['id', 'unit', 'level', ...questionIds]);
  const extraNames = [...t.at.keys()].filter((c) => c !== '' && !special.has(c));
  const n = t.rows.length;
  const data: SipasResponses = {
    ids: [],
    units: [],
    levels: [],
    answers: Object.fromEntries(questionIds.map((id) => [id, new Float64Array(n)])),
    extra: Object.fromEntries(extraNames.map((c) => [c, [] as string[]])),
    lines: [],
  };
  const errors: CsvProblem[] = [];
  const seen = new Map<string, number>();
  t.rows.forEach(({ cells, line }, r) => {
    const get = (c: string): string => (t.at.has(c) ? squash(cells[t.at.get(c) as number] ?? '') : '');
    const id = t.at.has('id') ? get('id') : String(line);
    if (t.at.has('id')) {
      if (id === '') errors.push(problem(line, 'id', 'thiếu mã phiếu.', 'the form id is missing.'));
      else if (seen.has(id)) errors.push(problem(line, 'id', `mã phiếu "${id}" đã có ở dòng ${seen.get(id)}.`, `form id "${id}" already at row ${seen.get(id)}.`));
      else seen.set(id, line);
    }
    const unit = get('unit');
    if (unit === '') errors.push(problem(line, 'unit', 'thiếu đơn vị.', 'the unit is missing.'));
    data.ids.push(id);
    data.units.push(unit);
    data.levels.push(get('level') === '' ? null : get('level'));
    data.lines.push(line);
    for (const q of questionIds) {
      const raw = get(q);
      const v = raw === '' ? Number.NaN : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (raw !== '' && !allowed.includes(v)) {
        errors.push(problem(line, q, `"${raw}" không phải là câu trả lời (${allowed.join(', ')} hoặc để trống).`, `"${raw}" is not an answer (${allowed.join(', ')} or blank).`));
      }
      (data.answers[q] as Float64Array)[r] = raw === '' ? Number.NaN : v;
    }
    for (const c of extraNames) (data.extra[c] as string[]).push(get(c));
  });
  return { data: errors.length > 0 ? null : data, errors };
}

/** Stratum populations: `unit,population` (population > 0; decimal comma accepted), each unit once. */
export function parsePopulationCsv(text: string): { population: Map<string, number>; errors: CsvProblem[] } {
  const population = new Map<string, number>();
  const t = table(text);
  if (!('header' in t)) return { population, errors: [t] };
  const missing = ['unit', 'population'].filter((c) => !t.at.has(c));
  if (missing.length > 0) return { population, errors: [missingColumns(t.header.line, missing)] };
  const errors: CsvProblem[] = [];
  for (const { cells, line } of t.rows) {
    const unit = squash(cells[t.at.get('unit') as number] ?? '');
    const raw = squash(cells[t.at.get('population') as number] ?? '');
    const v = parseDecimal(raw);
    if (unit === '') errors.push(problem(line, 'unit', 'thiếu đơn vị.', 'the unit is missing.'));
    else if (population.has(unit)) errors.push(problem(line, 'unit', `đơn vị "${unit}" lặp lại.`, `unit "${unit}" appears twice.`));
    else if (typeof v !== 'number' || !(v > 0)) {
      errors.push(problem(line, 'population', `"${raw}" không phải là số dương.`, `"${raw}" is not a positive number.`));
    } else population.set(unit, v);
  }
  return { population, errors };
}

/**
 * Leadership answer sheets: one row per sheet, `group` (optional column), then one column per sub-criterion, named by
 * its code (`2.4.1`) or its question id (`c2_4_1`), holding the answer's label, value or weight (`leadershipAnswer`).
 * Every sub-criterion is a required column.
 */
export function parseLeadershipCsv(
  text: string,
  criteria: readonly { code: string; id?: string }[],
  options: readonly LeadershipOption[],
): { sheets: LeadershipSheet[]; errors: CsvProblem[] } {
  const t = table(text);
  if (!('header' in t)) return { sheets: [], errors: [t] };
  const columnOf = new Map<string, string>();
  for (const c of criteria) {
    const name = t.at.has(c.code) ? c.code : c.id !== undefined && t.at.has(c.id) ? c.id : undefined;
    if (name !== undefined) columnOf.set(c.code, name);
  }
  const missing = criteria.filter((c) => !columnOf.has(c.code)).map((c) => c.code);
  if (missing.length > 0) return { sheets: [], errors: [missingColumns(t.header.line, missing)] };
  const errors: CsvProblem[] = [];
  const sheets: LeadershipSheet[] = [];
  for (const { cells, line } of t.rows) {
    const answers: Record<string, LeadershipAnswer> = {};
    for (const c of criteria) {
      const column = columnOf.get(c.code) as string;
      const raw = squash(cells[t.at.get(column) as number] ?? '');
      const a = leadershipAnswer(options, raw);
      if (a === 'invalid') {
        const labels = options.map((o) => o.label?.vi ?? String(o.value)).join(', ');
        errors.push(problem(line, column, `"${raw}" không phải là câu trả lời (${labels}, hoặc trọng số 0–1).`, `"${raw}" is not an answer (${labels}, or a weight 0–1).`));
      } else answers[c.code] = a;
    }
    const group = t.at.has('group') ? squash(cells[t.at.get('group') as number] ?? '') : '';
    sheets.push({ group: group === '' ? null : group, answers });
  }
  return { sheets: errors.length > 0 ? [] : sheets, errors };
}
