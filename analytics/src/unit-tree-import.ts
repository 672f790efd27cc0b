// Reads a unit tree an analyst imports (issue 14): national administrative unit codes (mã đơn vị hành chính), names,
// kind, parent, ranking group, optional coordinates and validity dates. Everything is checked before anything is
// stored: unknown parent, duplicate code (in the file or already in the catalogue), cycles, bad dates, unknown kind,
// a kind that cannot sit under its parent. Every problem names its row (header = row 1) and column as written in the
// file, in Vietnamese and English. Nothing here stores anything. Format: server/features/units/README.md.
import type { RawRow } from './delimited';
import { parseDecimal } from './numbers';
import { fold, squash } from './text';

export type UnitKind = 'province' | 'department' | 'district' | 'commune';
export type UnitTreeColumn = 'code' | 'name' | 'kind' | 'parent' | 'group' | 'latitude' | 'longitude' | 'valid_from' | 'valid_to';

/** Column → printed names (vi / en) and the header spellings recognised (folded: no diacritics, lower case). */
export const UNIT_TREE_COLUMNS: Record<UnitTreeColumn, { vi: string; en: string; aliases: string[] }> = {
  code: { vi: 'Mã đơn vị hành chính', en: 'code', aliases: ['code', 'ma', 'ma don vi', 'ma don vi hanh chinh', 'ma dvhc', 'ma hanh chinh'] },
  name: { vi: 'Tên đơn vị', en: 'name', aliases: ['name', 'ten', 'ten don vi', 'ten don vi hanh chinh'] },
  kind: { vi: 'Loại', en: 'kind', aliases: ['kind', 'type', 'loai', 'loai don vi', 'cap'] },
  parent: { vi: 'Mã đơn vị cha', en: 'parent', aliases: ['parent', 'parent code', 'ma cha', 'ma don vi cha', 'truc thuoc', 'thuoc'] },
  group: { vi: 'Nhóm', en: 'group', aliases: ['group', 'ranking group', 'nhom', 'nhom xep hang'] },
  latitude: { vi: 'Vĩ độ', en: 'latitude', aliases: ['latitude', 'lat', 'vi do'] },
  longitude: { vi: 'Kinh độ', en: 'longitude', aliases: ['longitude', 'lon', 'lng', 'kinh do'] },
  valid_from: { vi: 'Hiệu lực từ', en: 'valid_from', aliases: ['valid from', 'hieu luc tu', 'tu ngay', 'ngay hieu luc'] },
  valid_to: { vi: 'Hiệu lực đến', en: 'valid_to', aliases: ['valid to', 'hieu luc den', 'den ngay', 'ngay het hieu luc'] },
};
const REQUIRED: readonly UnitTreeColumn[] = ['code', 'name', 'kind'];

const KIND_ALIASES: Record<string, UnitKind> = {
  province: 'province', tinh: 'province', 'thanh pho truc thuoc trung uong': 'province',
  department: 'department', so: 'department', 'so nganh': 'department', 'co quan chuyen mon': 'department', 'co quan': 'department',
  district: 'district', huyen: 'district', quan: 'district', 'thi xa': 'district', 'thanh pho thuoc tinh': 'district',
  commune: 'commune', xa: 'commune', phuong: 'commune', 'thi tran': 'commune', 'dac khu': 'commune',
};
const KIND_VI: Record<UnitKind, string> = { province: 'tỉnh', department: 'sở, ngành', district: 'huyện', commune: 'xã' };

/**
 * Where a unit may sit: a province at the top; departments and districts under a province; a commune under a
 * district (three-level government) or directly under the province (two-level local government since 1 July 2025,
 * PAR-INDEX.md §5).
 */
export const ALLOWED_PARENT: Record<UnitKind, readonly UnitKind[]> = {
  province: [],
  department: ['province'],
  district: ['province'],
  commune: ['district', 'province'],
};

export const MAX_UNIT_ROWS = 20_000;
export const UNIT_CODE = /^[A-Za-z0-9_.-]{1,50}$/;

export type UnitTreeProblemKind =
  | 'empty' | 'too_many_rows' | 'missing_column' | 'duplicate_column' | 'bad_code' | 'duplicate_code' | 'missing_name'
  | 'unknown_kind' | 'unknown_parent' | 'bad_parent_kind' | 'cycle' | 'bad_coordinate' | 'bad_date';

export interface UnitTreeProblem {
  kind: UnitTreeProblemKind;
  row: number | null;
  column: UnitTreeColumn | null;
  /** the column's header as written in the file */
  header: string | null;
  code: string | null;
  message: { vi: string; en: string };
}

export interface UnitTreeRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind;
  /** the parent's code (in the file or the catalogue), null at the top */
  parentCode: string | null;
  group: string | null;
  latitude: number | null;
  longitude: number | null;
  /** 'YYYY-MM-DD' */
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitTreeImport {
  /** parents before children (the order to store them) */
  units: UnitTreeRow[];
  problems: UnitTreeProblem[];
  columns: Partial<Record<UnitTreeColumn, string>>;
  ignored: string[];
}

export function unitTreeColumnOf(header: string): UnitTreeColumn | null {
  const h = fold(header).replace(/_/g, ' ').replace(/\s*\(.*\)$/, '').trim();
  for (const [column, def] of Object.entries(UNIT_TREE_COLUMNS) as [UnitTreeColumn, { aliases: string[] }][]) {
    if (def.aliases.includes(h)) return column;
  }
  return null;
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (also with '-' or '.') → 'YYYY-MM-DD'; null for empty; 'invalid' otherwise. */
export function parseDay(raw: string): string | null | 'invalid' {
  const s = raw.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return 'invalid';
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return 'invalid';
  return date.toISOString().slice(0, 10);
}

/**
 * Reads delimited rows (CSV, or the TSV of an XLSX sheet) against the catalogue's existing units (code → kind).
 * The rows read are returned even with problems (for the preview).
 */
export function readUnitTree(raw: readonly RawRow[], existing: ReadonlyMap<string, UnitKind>): UnitTreeImport {
  const problems: UnitTreeProblem[] = [];
  const nonBlank = raw.map((r, i) => ({ cells: r.cells, line: i + 1 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...body] = nonBlank;
  if (!head) {
    return { units: [], columns: {}, ignored: [], problems: [{ kind: 'empty', row: null, column: null, header: null, code: null, message: { vi: 'Tệp trống: không có dòng tiêu đề cột nào.', en: 'The file is empty: no header row.' } }] };
  }
  const index: Partial<Record<UnitTreeColumn, number>> = {};
  const columns: Partial<Record<UnitTreeColumn, string>> = {};
  const ignored: string[] = [];
  head.cells.forEach((cell, i) => {
    const column = unitTreeColumnOf(cell);
    if (column === null) {
      if (cell.trim() !== '') ignored.push(cell.trim());
    } else if (index[column] !== undefined) {
      problems.push({ kind: 'duplicate_column', row: head.line, column, header: cell.trim(), code: null, message: {
        vi: `Dòng ${head.line}: cột "${cell.trim()}" trùng với cột "${columns[column]}" (cùng là ${UNIT_TREE_COLUMNS[column].vi}).`,
        en: `Row ${head.line}: column "${cell.trim()}" repeats column "${columns[column]}" (both are ${UNIT_TREE_COLUMNS[column].en}).`,
      } });
    } else {
      index[column] = i;
      columns[column] = cell.trim();
    }
  });
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  for (const column of missing) {
    const def = UNIT_TREE_COLUMNS[column];
    problems.push({ kind: 'missing_column', row: head.line, column, header: null, code: null, message: {
      vi: `Dòng ${head.line} (dòng tiêu đề): thiếu cột ${def.vi} (${def.en}).`, en: `Row ${head.line} (the header row): the column ${def.en} (${def.vi}) is missing.`,
    } });
  }
  if (missing.length > 0) return { units: [], problems, columns, ignored };
  if (body.length > MAX_UNIT_ROWS) {
    problems.push({ kind: 'too_many_rows', row: null, column: null, header: null, code: null, message: {
      vi: `Tệp có ${body.length} dòng đơn vị, quá giới hạn ${MAX_UNIT_ROWS}.`, en: `The file has ${body.length} unit rows, above the limit of ${MAX_UNIT_ROWS}.`,
    } });
    return { units: [], problems, columns, ignored };
  }

  const problem = (kind: UnitTreeProblemKind, row: number, column: UnitTreeColumn, code: string | null, vi: string, en: string) => {
    const header = columns[column] ?? null;
    problems.push({ kind, row, column, header, code, message: {
      vi: `Dòng ${row}, cột ${header ?? UNIT_TREE_COLUMNS[column].vi}: ${vi}`, en: `Row ${row}, column ${header ?? UNIT_TREE_COLUMNS[column].en}: ${en}`,
    } });
  };

  // pass 1: each row on its own
  const read: UnitTreeRow[] = [];
  const rowOf = new Map<string, number>();
  for (const r of body) {
    const get = (c: UnitTreeColumn) => (index[c] === undefined ? '' : squash(r.cells[index[c] as number] ?? ''));
    const code = get('code');
    let ok = true;
    if (code === '') {
      problem('bad_code', r.line, 'code', null, 'thiếu mã đơn vị.', 'the unit code is missing.');
      continue;
    }
    if (!UNIT_CODE.test(code)) {
      problem('bad_code', r.line, 'code', code, `mã "${code}" không hợp lệ (chữ, số, dấu chấm, gạch; tối đa 50 ký tự).`, `code "${code}" is not valid (letters, digits, dots, dashes; at most 50 characters).`);
      continue;
    }
    if (rowOf.has(code)) {
      problem('duplicate_code', r.line, 'code', code, `mã ${code} trùng với dòng ${rowOf.get(code)}.`, `code ${code} repeats row ${rowOf.get(code)}.`);
      continue;
    }
    rowOf.set(code, r.line);
    if (existing.has(code)) {
      problem('duplicate_code', r.line, 'code', code, `mã ${code} đã có trong danh mục đơn vị.`, `code ${code} is already in the unit catalogue.`);
      ok = false;
    }
    const name = get('name');
    if (name === '') { problem('missing_name', r.line, 'name', code, 'thiếu tên đơn vị.', 'the unit name is missing.'); ok = false; }
    if (name.length > 300) { problem('missing_name', r.line, 'name', code, 'tên dài quá 300 ký tự.', 'the name is longer than 300 characters.'); ok = false; }
    const kindRaw = get('kind');
    const kind = KIND_ALIASES[fold(kindRaw)];
    if (!kind) {
      problem('unknown_kind', r.line, 'kind', code, `loại "${kindRaw}" không rõ (tỉnh, sở/ngành, huyện, xã/phường; hoặc province, department, district, commune).`,
        `kind "${kindRaw}" is unknown (province, department, district, commune; or tỉnh, sở, huyện, xã).`);
      ok = false;
    }
    const coordinate = (c: 'latitude' | 'longitude', limit: number): number | null => {
      const rawValue = get(c);
      const v = parseDecimal(rawValue);
      if (v === null) return null;
      if (v === 'invalid' || Math.abs(v) > limit) {
        problem('bad_coordinate', r.line, c, code, `"${rawValue}" không phải ${c === 'latitude' ? 'vĩ độ' : 'kinh độ'} (số từ -${limit} đến ${limit}).`, `"${rawValue}" is not a ${c} (a number from -${limit} to ${limit}).`);
        ok = false;
        return null;
      }
      return v;
    };
    const latitude = coordinate('latitude', 90);
    const longitude = coordinate('longitude', 180);
    if ((latitude === null) !== (longitude === null) && ok) {
      const absent = latitude === null ? 'latitude' : 'longitude';
      problem('bad_coordinate', r.line, absent, code, 'cần cả vĩ độ và kinh độ, hoặc để trống cả hai.', 'give both latitude and longitude, or neither.');
      ok = false;
    }
    const day = (c: 'valid_from' | 'valid_to'): string | null => {
      const rawValue = get(c);
      const v = parseDay(rawValue);
      if (v === 'invalid') {
        problem('bad_date', r.line, c, code, `"${rawValue}" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).`, `"${rawValue}" is not a valid date (dd/mm/yyyy or yyyy-mm-dd).`);
        ok = false;
        return null;
      }
      return v;
    };
    const validFrom = day('valid_from');
    const validTo = day('valid_to');
    if (validFrom && validTo && validTo < validFrom) {
      problem('bad_date', r.line, 'valid_to', code, `ngày hết hiệu lực ${validTo} trước ngày hiệu lực ${validFrom}.`, `end date ${validTo} is before the start date ${validFrom}.`);
      ok = false;
    }
    const parent = get('parent');
    if (!ok || !kind) continue;
    read.push({ row: r.line, code, name, kind, parentCode: parent === '' ? null : parent, group: get('group') || null, latitude, longitude, validFrom, validTo });
  }

  // pass 2: parents, cycles and where each kind may sit
  const byCode = new Map(read.map((u) => [u.code, u]));
  const kindOf = (code: string): UnitKind | undefined => byCode.get(code)?.kind ?? existing.get(code);
  const placed = new Set<string>();
  const bad = new Set<string>();
  // cycles among the file's rows (the catalogue is a tree already): follow each chain up
  const reported = new Set<string>();
  for (const u of read) {
    const chain: string[] = [];
    let at: UnitTreeRow | undefined = u;
    while (at && !chain.includes(at.code) && at.parentCode !== null && at.parentCode !== at.code) {
      chain.push(at.code);
      at = byCode.get(at.parentCode);
    }
    if (at && chain.includes(at.code)) {
      const loop = chain.slice(chain.indexOf(at.code));
      if (loop.some((c) => reported.has(c))) continue;
      loop.forEach((c) => reported.add(c));
      for (const c of loop) {
        const x = byCode.get(c)!;
        problem('cycle', x.row, 'parent', c, `vòng lặp đơn vị cha: ${[...loop, loop[0]].join(' → ')}.`, `parent cycle: ${[...loop, loop[0]].join(' → ')}.`);
        bad.add(c);
      }
    }
  }

  for (const u of read) {
    if (bad.has(u.code)) continue; // in a cycle: said once
    if (u.parentCode === null) {
      if (u.kind !== 'province') {
        problem('unknown_parent', u.row, 'parent', u.code, `đơn vị loại ${KIND_VI[u.kind]} cần mã đơn vị cha (chỉ cấp tỉnh không có đơn vị cha).`, `a unit of kind ${u.kind} needs a parent code (only a province has none).`);
        bad.add(u.code);
      }
      continue;
    }
    if (u.parentCode === u.code) {
      problem('cycle', u.row, 'parent', u.code, `đơn vị ${u.code} không thể là cha của chính nó.`, `unit ${u.code} cannot be its own parent.`);
      bad.add(u.code);
      continue;
    }
    const parentKind = kindOf(u.parentCode);
    if (!parentKind) {
      const inFile = rowOf.get(u.parentCode);
      problem('unknown_parent', u.row, 'parent', u.code,
        inFile ? `đơn vị cha ${u.parentCode} (dòng ${inFile}) có lỗi.` : `không có đơn vị mã ${u.parentCode} trong tệp hoặc trong danh mục.`,
        inFile ? `parent ${u.parentCode} (row ${inFile}) has problems.` : `no unit with code ${u.parentCode} in the file or the catalogue.`);
      bad.add(u.code);
      continue;
    }
    if (!ALLOWED_PARENT[u.kind].includes(parentKind)) {
      problem('bad_parent_kind', u.row, 'parent', u.code, `đơn vị loại ${KIND_VI[u.kind]} không thể thuộc đơn vị loại ${KIND_VI[parentKind]} (${u.parentCode}).`,
        `a unit of kind ${u.kind} cannot sit under a unit of kind ${parentKind} (${u.parentCode}).`);
      bad.add(u.code);
    }
  }
  // parents before children
  const ordered: UnitTreeRow[] = [];
  const visit = (u: UnitTreeRow, depth: number) => {
    if (placed.has(u.code) || depth > read.length) return;
    const p = u.parentCode ? byCode.get(u.parentCode) : undefined;
    if (p && p.code !== u.code) visit(p, depth + 1);
    if (!placed.has(u.code)) {
      placed.add(u.code);
      ordered.push(u);
    }
  };
  for (const u of read) if (!bad.has(u.code)) visit(u, 0);
  problems.sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
  return { units: problems.length > 0 ? read : ordered, problems, columns, ignored };
}
