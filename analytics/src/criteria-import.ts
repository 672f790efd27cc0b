// Reads a criteria set that an analyst imports (issue 11): the seeds' columns (PAR-INDEX.md §1: code, parent, level,
// name, max_points, source) plus per-leaf scoring rule (PAR-INDEX.md §2, ScoringRule) and evidence requirements.
// Every problem names its row (the spreadsheet's row: the header is row 1) and column, in Vietnamese and English;
// nothing here stores anything. Format: server/features/criteria/FORMAT.md.
import type { CriteriaSet, CriterionDef, CriterionEvidence, Source } from './types';
import { SOURCES } from './types';
import type { RawRow } from './delimited';
import { parseCriteriaRule } from './criteria-rule-text';
import { fmt4, parseDecimal, sum } from './numbers';
import { fold, squash } from './text';

export type ImportColumn =
  | 'code' | 'parent' | 'level' | 'name' | 'max_points' | 'source'
  | 'rule' | 'evidence_required' | 'evidence_expected' | 'evidence_guidance';

/** Column → printed names (vi / en) and the header spellings recognised (folded: no diacritics, lower case). */
export const IMPORT_COLUMNS: Record<ImportColumn, { vi: string; en: string; aliases: string[] }> = {
  code: { vi: 'Mã', en: 'code', aliases: ['code', 'ma', 'ma so', 'ma tieu chi', 'stt'] },
  parent: { vi: 'Mã cha', en: 'parent', aliases: ['parent', 'parent code', 'ma cha', 'cha', 'thuoc', 'ma tieu chi cha'] },
  level: { vi: 'Cấp', en: 'level', aliases: ['level', 'cap', 'cap do'] },
  name: { vi: 'Tên tiêu chí', en: 'name', aliases: ['name', 'ten', 'ten tieu chi', 'noi dung', 'tieu chi', 'linh vuc/tieu chi'] },
  max_points: { vi: 'Điểm tối đa', en: 'max_points', aliases: ['max points', 'max', 'maximum', 'diem toi da', 'diem chuan'] },
  source: { vi: 'Nguồn điểm', en: 'source', aliases: ['source', 'nguon', 'nguon diem'] },
  rule: { vi: 'Cách tính điểm', en: 'rule', aliases: ['rule', 'scoring rule', 'quy tac', 'quy tac cham', 'cach tinh diem', 'cach cham'] },
  evidence_required: {
    vi: 'Bắt buộc kiểm chứng', en: 'evidence_required',
    aliases: ['evidence required', 'bat buoc kiem chung', 'yeu cau kiem chung', 'bat buoc tai lieu kiem chung', 'can kiem chung'],
  },
  evidence_expected: {
    vi: 'Tài liệu kiểm chứng', en: 'evidence_expected',
    aliases: ['evidence expected', 'expected evidence', 'evidence', 'tai lieu kiem chung', 'tai lieu kiem chung yeu cau', 'tai lieu'],
  },
  evidence_guidance: {
    vi: 'Hướng dẫn', en: 'evidence_guidance',
    aliases: ['evidence guidance', 'guidance', 'huong dan', 'huong dan kiem chung', 'huong dan cham'],
  },
};

const REQUIRED: readonly ImportColumn[] = ['code', 'parent', 'name', 'max_points'];

export type CriteriaProblemKind =
  | 'empty' | 'too_many_rows' | 'missing_column' | 'duplicate_column'
  | 'bad_code' | 'duplicate_code' | 'missing_parent' | 'parent_after_child' | 'bad_level' | 'level_mismatch'
  | 'missing_name' | 'bad_max' | 'sum_mismatch' | 'bad_source' | 'source_on_inner'
  | 'bad_rule' | 'rule_on_inner' | 'rule_not_content' | 'bad_flag' | 'evidence_on_inner' | 'no_leaf';

export interface CriteriaProblem {
  kind: CriteriaProblemKind;
  /** the spreadsheet's row (header = 1); null for the file as a whole */
  row: number | null;
  column: ImportColumn | null;
  /** the column's header as written in the file, when the column exists */
  header: string | null;
  code: string | null;
  message: { vi: string; en: string };
}

export interface CriteriaImport {
  criteria: CriterionDef[];
  /** code → spreadsheet row */
  rows: Record<string, number>;
  problems: CriteriaProblem[];
  /** the columns recognised: column → header as written */
  columns: Partial<Record<ImportColumn, string>>;
  /** headers not recognised (their cells are ignored) */
  ignored: string[];
}

/** Rows of criteria a file may hold. */
export const MAX_CRITERIA_ROWS = 2000;
const CODE = /^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$/;
const MAX_CODE_LENGTH = 20;
const MAX_NAME_LENGTH = 1000;
const vn = (x: number) => fmt4(x).replace('.', ',');

/** The column a header names, or null. */
export function importColumnOf(header: string): ImportColumn | null {
  const h = fold(header).replace(/_/g, ' ').replace(/\s*\(.*\)$/, '').trim();
  if (h === '') return null;
  for (const [column, def] of Object.entries(IMPORT_COLUMNS) as [ImportColumn, (typeof IMPORT_COLUMNS)[ImportColumn]][]) {
    if (def.aliases.includes(h)) return column;
  }
  return null;
}

const YES = ['co', 'x', 'yes', 'y', '1', 'true', 'bat buoc', 'can'];
const NO = ['khong', 'no', 'n', '0', 'false', ''];

/** có/không, yes/no, 1/0, x/empty → boolean; anything else → null. */
export function parseFlag(raw: string): boolean | null {
  const f = fold(raw);
  if (YES.includes(f)) return true;
  if (NO.includes(f)) return false;
  return null;
}

/** Expected documents: one per line (U+2028: a line break inside an XLSX cell) or separated by ";", bullets removed. */
export function splitExpected(raw: string): string[] {
  return raw.split(/[;\r\n\u2028]+/).map((s) => squash(s.replace(/^\s*[-•*+]\s*/, ''))).filter((s) => s !== '');
}

const SOURCE_ALIASES: Record<string, Source> = {
  content: 'content', 'noi dung': 'content', 'tham dinh': 'content', 'tu danh gia': 'content',
  leadership_survey: 'leadership_survey', 'leadership survey': 'leadership_survey', 'khao sat lanh dao': 'leadership_survey', 'dieu tra xa hoi hoc': 'leadership_survey',
  sipas: 'sipas', 'hai long': 'sipas', 'su hai long': 'sipas',
};

function parseSource(raw: string): Source | null | 'invalid' {
  const f = fold(raw);
  if (f === '') return null;
  return SOURCE_ALIASES[f] ?? SOURCE_ALIASES[f.replace(/ /g, '_')] ?? 'invalid';
}

interface Cells {
  row: number;
  get(column: ImportColumn): string;
}

/**
 * Reads delimited rows (readDelimited of a CSV, or the TSV of an XLSX sheet) into criteria in printed order and
 * the problems found, each with row and column. The tree is returned even with problems (for the preview).
 */
export function readCriteriaImport(raw: readonly RawRow[]): CriteriaImport {
  const problems: CriteriaProblem[] = [];
  // a row's number is its record's place in the file (what a spreadsheet shows), not the text line: a quoted cell may
  // hold line breaks (several expected documents)
  const nonBlank = raw.map((r, i) => ({ cells: r.cells, line: i + 1 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...body] = nonBlank;
  if (!head) {
    return { criteria: [], rows: {}, columns: {}, ignored: [],
      problems: [{ kind: 'empty', row: null, column: null, header: null, code: null, message: { vi: 'Tệp trống: không có dòng tiêu đề cột nào.', en: 'The file is empty: no header row.' } }] };
  }
  const index: Partial<Record<ImportColumn, number>> = {};
  const columns: Partial<Record<ImportColumn, string>> = {};
  const ignored: string[] = [];
  head.cells.forEach((cell, i) => {
    const column = importColumnOf(cell);
    if (column === null) {
      if (cell.trim() !== '') ignored.push(cell.trim());
    } else if (index[column] !== undefined) {
      problems.push({
        kind: 'duplicate_column', row: head.line, column, header: cell.trim(), code: null,
        message: {
          vi: `Dòng ${head.line}: cột "${cell.trim()}" trùng với cột "${columns[column]}" (cùng là ${IMPORT_COLUMNS[column].vi}).`,
          en: `Row ${head.line}: column "${cell.trim()}" repeats column "${columns[column]}" (both are ${IMPORT_COLUMNS[column].en}).`,
        },
      });
    } else {
      index[column] = i;
      columns[column] = cell.trim();
    }
  });
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    for (const column of missing) {
      const def = IMPORT_COLUMNS[column];
      problems.push({
        kind: 'missing_column', row: head.line, column, header: null, code: null,
        message: {
          vi: `Dòng ${head.line} (dòng tiêu đề): thiếu cột ${def.vi} (${def.en}).`,
          en: `Row ${head.line} (the header row): the column ${def.en} (${def.vi}) is missing.`,
        },
      });
    }
    return { criteria: [], rows: {}, problems, columns, ignored };
  }
  if (body.length > MAX_CRITERIA_ROWS) {
    problems.push({
      kind: 'too_many_rows', row: null, column: null, header: null, code: null,
      message: { vi: `Tệp có ${body.length} dòng tiêu chí, quá giới hạn ${MAX_CRITERIA_ROWS}.`, en: `The file has ${body.length} criteria rows, above the limit of ${MAX_CRITERIA_ROWS}.` },
    });
    return { criteria: [], rows: {}, problems, columns, ignored };
  }

  const problem = (kind: CriteriaProblemKind, row: number, column: ImportColumn | null, code: string | null, vi: string, en: string) => {
    problems.push({
      kind, row, column, header: column ? (columns[column] ?? null) : null, code,
      message: { vi: `Dòng ${row}${column ? `, cột ${columns[column] ?? IMPORT_COLUMNS[column].vi}` : ''}: ${vi}`, en: `Row ${row}${column ? `, column ${columns[column] ?? IMPORT_COLUMNS[column].en}` : ''}: ${en}` },
    });
  };

  // pass 1: each row on its own
  type Draft = CriterionDef & { row: number; statedLevel: number | null; cells: Cells; levelOk: boolean };
  const drafts: Draft[] = [];
  const rowOf: Record<string, number> = {};
  for (const r of body) {
    const cells: Cells = { row: r.line, get: (c) => (index[c] === undefined ? '' : (r.cells[index[c] as number] ?? '').trim()) };
    let code = cells.get('code');
    if (/^[^.]+(\.[^.]+)*\.$/.test(code)) code = code.slice(0, -1); // "1." as printed in decisions means "1"
    if (code === '') {
      problem('bad_code', r.line, 'code', null, 'thiếu mã tiêu chí.', 'the criterion code is missing.');
      continue;
    }
    if (!CODE.test(code) || code.length > MAX_CODE_LENGTH) {
      problem('bad_code', r.line, 'code', code, `mã "${code}" không hợp lệ (chữ số hoặc chữ cái ngăn bởi dấu chấm, như 1, 1.2, 1.2.3; tối đa ${MAX_CODE_LENGTH} ký tự).`,
        `code "${code}" is not valid (digits or letters separated by dots, like 1, 1.2, 1.2.3; at most ${MAX_CODE_LENGTH} characters).`);
      continue;
    }
    if (rowOf[code] !== undefined) {
      problem('duplicate_code', r.line, 'code', code, `mã ${code} trùng với dòng ${rowOf[code]}.`, `code ${code} repeats row ${rowOf[code]}.`);
      continue;
    }
    rowOf[code] = r.line;
    let parent: string | null = cells.get('parent');
    if (parent.endsWith('.')) parent = parent.slice(0, -1);
    if (parent === '') parent = null;
    const name = squash(cells.get('name'));
    if (name === '') problem('missing_name', r.line, 'name', code, `tiêu chí ${code} chưa có tên.`, `criterion ${code} has no name.`);
    else if (name.length > MAX_NAME_LENGTH) problem('missing_name', r.line, 'name', code, `tên dài quá ${MAX_NAME_LENGTH} ký tự.`, `the name is longer than ${MAX_NAME_LENGTH} characters.`);
    const maxRaw = cells.get('max_points');
    const max = parseDecimal(maxRaw);
    let maxPoints = 0;
    if (typeof max !== 'number') {
      problem('bad_max', r.line, 'max_points', code, maxRaw === '' ? 'thiếu điểm tối đa.' : `điểm tối đa "${maxRaw}" không phải là số.`,
        maxRaw === '' ? 'the maximum is missing.' : `maximum "${maxRaw}" is not a number.`);
    } else if (max < 0 || max > 1000) {
      problem('bad_max', r.line, 'max_points', code, `điểm tối đa ${vn(max)} phải từ 0 đến 1000.`, `maximum ${fmt4(max)} must be between 0 and 1000.`);
    } else maxPoints = max;
    const levelRaw = cells.get('level');
    let statedLevel: number | null = null;
    let levelOk = true;
    if (levelRaw !== '') {
      const n = Number(levelRaw);
      if (!Number.isInteger(n) || n < 0 || n > 10) {
        problem('bad_level', r.line, 'level', code, `cấp "${levelRaw}" không hợp lệ (số nguyên 0 cho lĩnh vực, 1 cho tiêu chí, 2 cho tiêu chí thành phần…).`,
          `level "${levelRaw}" is not valid (a whole number: 0 for a field, 1 for a criterion, 2 for a sub-criterion…).`);
        levelOk = false;
      } else statedLevel = n;
    }
    const sourceRaw = cells.get('source');
    const source = parseSource(sourceRaw);
    if (source === 'invalid') {
      problem('bad_source', r.line, 'source', code, `nguồn điểm "${sourceRaw}" không hợp lệ (${SOURCES.join(', ')}).`, `unknown source "${sourceRaw}" (${SOURCES.join(', ')}).`);
    }
    drafts.push({
      code, parent, name, maxPoints, level: statedLevel ?? 0, statedLevel, levelOk,
      source: source === 'invalid' ? null : source, row: r.line, cells,
    });
  }

  // pass 2: the tree
  const byCode = new Map(drafts.map((d) => [d.code, d]));
  const children = new Map<string, Draft[]>();
  const position = new Map(drafts.map((d, i) => [d.code, i]));
  for (const d of drafts) {
    if (d.parent === null) {
      if (d.statedLevel !== null && d.statedLevel !== 0) {
        problem('level_mismatch', d.row, 'level', d.code, `${d.code} không có mã cha nên là lĩnh vực cấp 0, không phải cấp ${d.statedLevel}.`,
          `${d.code} has no parent, so it is a field of level 0, not level ${d.statedLevel}.`);
      }
      d.level = 0;
      continue;
    }
    const parent = byCode.get(d.parent);
    if (!parent || d.parent === d.code) {
      problem('missing_parent', d.row, 'parent', d.code, `mã cha ${d.parent} không có trong tệp.`, `parent ${d.parent} is not in the file.`);
      continue;
    }
    if ((position.get(parent.code) as number) > (position.get(d.code) as number)) {
      problem('parent_after_child', d.row, 'parent', d.code, `mã cha ${d.parent} ở dòng ${parent.row}, sau tiêu chí con; hãy xếp tiêu chí cha trước.`,
        `parent ${d.parent} is on row ${parent.row}, after its child; list a parent before its children.`);
      continue;
    }
    children.set(parent.code, [...(children.get(parent.code) ?? []), d]);
    d.level = parent.level + 1;
    if (d.statedLevel !== null && d.statedLevel !== d.level) {
      problem('level_mismatch', d.row, 'level', d.code, `cấp ${d.statedLevel} nhưng tiêu chí cha ${d.parent} ở cấp ${parent.level} (phải là ${d.level}).`,
        `level ${d.statedLevel} but parent ${d.parent} has level ${parent.level} (must be ${d.level}).`);
    }
  }

  // pass 3: per node, knowing whether it is a leaf
  const criteria: CriterionDef[] = [];
  for (const d of drafts) {
    const kids = children.get(d.code) ?? [];
    const leaf = kids.length === 0;
    const ruleRaw = d.cells.get('rule');
    const flagRaw = d.cells.get('evidence_required');
    const expectedRaw = d.cells.get('evidence_expected');
    const guidanceRaw = squash(d.cells.get('evidence_guidance'));
    const def: CriterionDef = { code: d.code, parent: d.parent, level: d.level, name: d.name, maxPoints: d.maxPoints, source: d.source };
    if (!leaf) {
      if (d.source !== null) {
        problem('source_on_inner', d.row, 'source', d.code, `${d.code} có tiêu chí con nên không ghi nguồn điểm (chỉ ghi ở tiêu chí lá).`,
          `${d.code} has sub-criteria, so it takes no source (sources are on leaves only).`);
      }
      if (ruleRaw !== '') {
        problem('rule_on_inner', d.row, 'rule', d.code, `${d.code} có tiêu chí con nên không có cách tính điểm (chỉ tiêu chí lá).`,
          `${d.code} has sub-criteria, so it takes no scoring rule (leaves only).`);
      }
      for (const [column, value] of [['evidence_required', parseFlag(flagRaw) === true ? 'x' : ''], ['evidence_expected', expectedRaw], ['evidence_guidance', guidanceRaw]] as const) {
        if (value !== '') {
          problem('evidence_on_inner', d.row, column, d.code, `${d.code} có tiêu chí con; yêu cầu tài liệu kiểm chứng ghi ở từng tiêu chí lá.`,
            `${d.code} has sub-criteria; evidence requirements go on each leaf.`);
        }
      }
      const childSum = sum(kids.map((k) => k.maxPoints));
      if (Math.abs(childSum - d.maxPoints) > 1e-6) {
        problem('sum_mismatch', d.row, 'max_points', d.code,
          `điểm tối đa ${vn(d.maxPoints)} nhưng tổng điểm tối đa của các tiêu chí con (${kids.map((k) => k.code).join(', ')}) là ${vn(childSum)}.`,
          `maximum ${fmt4(d.maxPoints)} but its children's maxima (${kids.map((k) => k.code).join(', ')}) sum to ${fmt4(childSum)}.`);
      }
      criteria.push(def);
      continue;
    }
    def.source = d.source ?? 'content';
    if (ruleRaw !== '') {
      const rule = parseCriteriaRule(ruleRaw, d.maxPoints);
      if ('error' in rule) problem('bad_rule', d.row, 'rule', d.code, rule.error.vi, rule.error.en);
      else if (rule.rule.kind !== 'manual' && def.source !== 'content') {
        problem('rule_not_content', d.row, 'rule', d.code, `cách tính điểm chỉ dùng cho tiêu chí chấm qua thẩm định (content), không cho nguồn ${def.source}.`,
          `a scoring rule is for content leaves, not for source ${def.source}.`);
      } else def.rule = rule.rule;
    }
    const flag = parseFlag(flagRaw);
    if (flag === null) {
      problem('bad_flag', d.row, 'evidence_required', d.code, `"${flagRaw}" không rõ; ghi có/không (hoặc x, 1/0, yes/no).`, `"${flagRaw}" is unclear; write yes/no (or có/không, x, 1/0).`);
    }
    const evidence: CriterionEvidence = { required: flag === true, expected: splitExpected(expectedRaw), guidance: guidanceRaw === '' ? null : guidanceRaw };
    if (evidence.required || evidence.expected.length > 0 || evidence.guidance !== null) def.evidence = evidence;
    criteria.push(def);
  }
  if (criteria.length > 0 && !criteria.some((c) => c.source !== null)) {
    problems.push({ kind: 'no_leaf', row: null, column: null, header: null, code: null, message: { vi: 'Bộ tiêu chí không có tiêu chí lá nào.', en: 'The set has no leaf criterion.' } });
  }
  if (drafts.length === 0 && problems.length === 0) {
    problems.push({ kind: 'empty', row: null, column: null, header: null, code: null, message: { vi: 'Tệp chỉ có dòng tiêu đề, chưa có tiêu chí nào.', en: 'The file has only the header row, no criteria.' } });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { criteria, rows: Object.fromEntries(drafts.map((d) => [d.code, d.row])), problems, columns, ignored };
}

/** The criteria as a set (for validateCriteriaSet, the engine, storage). */
export function importedSet(meta: { code: string; year: number; name: string }, criteria: CriterionDef[]): CriteriaSet {
  return { code: meta.code, year: meta.year, name: meta.name, criteria };
}
