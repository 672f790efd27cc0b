// Reads the survey files of the command line and of imports (issue 5, "Command line"): SIPAS responses
// (one row per form), stratum populations (unit,population) and leadership answer sheets (one row per sheet).
import { csvProblem as problem, EMPTY_FILE, missingColumns, type CsvProblem } from './csv-problem';
import { readDelimited, type RawRow } from './delimited';
import { type LeadershipAnswer, type LeadershipOption, type LeadershipSheet, leadershipAnswer } from './leadership';
import { parseDecimal } from './numbers';
import { BLANK_CODE } from './sipas-codes';
import { readSipasResponses } from './survey-csv-stream';
import { squash } from './text';

export type { CsvProblem } from './csv-problem';

function table(text: string): { header: RawRow; rows: RawRow[]; at: Map<string, number> } | CsvProblem {
  const all = readDelimited(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = all[0];
  if (!header) return EMPTY_FILE;
  const at = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const name = squash(h);
    if (!at.has(name)) at.set(name, i);
  });
  return { header, rows: all.slice(1), at };
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
 * questions) are read when present. Every bad cell is reported. The whole text at once, every column kept; large
 * files go through SipasResponsesReader (survey-csv-stream.ts) chunk by chunk into answer codes.
 */
export function parseSipasResponses(
  text: string,
  itemIds: readonly string[],
  options: { optionalIds?: readonly string[]; allowed?: readonly number[] } = {},
): { data: SipasResponses | null; errors: CsvProblem[] } {
  const { data, errors } = readSipasResponses(text, itemIds, { ...options, text: true });
  if (data === null || data.text === null) return { data: null, errors };
  const { units, unit, codes } = data;
  const answers: Record<string, Float64Array> = {};
  for (const id of data.questionIds) answers[id] = Float64Array.from(codes[id] as Uint8Array, (c) => (c === BLANK_CODE ? Number.NaN : c));
  return { data: { ...data.text, units: Array.from(unit, (u) => units[u] as string), answers }, errors };
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
