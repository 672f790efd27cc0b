// Reads a published appendix table (TSV or CSV) as analysts paste it (PAR-INDEX.md §7).
import type { NumberCell, ParsedTable, TableRow } from './types';
import { parseDecimal } from './numbers';
import { type RawRow, readDelimited } from './delimited';
import { fold, squash, stripHtml } from './text';
import { type ColumnMap, type ColumnRole, ROLE_LABELS, mapColumns, missingRoles } from './table-headers';

/** Thrown when the header row cannot be found; `missing` lists the roles of the columns not found. */
export class TableFormatError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    readonly missing: ColumnRole[] = [],
  ) {
    super(`${vi} / ${en}`);
    this.name = 'TableFormatError';
  }
}

const ROMAN: Record<string, string> = { I: '1', II: '2', III: '3', IV: '4', V: '5', VI: '6', VII: '7', VIII: '8', IX: '9', X: '10' };

/** `7.3.` → `7.3`; `VIII` → `8`; spaces removed. */
export function normalizeCode(raw: string): string {
  const s = squash(stripHtml(raw)).replace(/\s+/g, '').replace(/\.+$/, '');
  return ROMAN[s.toUpperCase()] ?? s;
}

function isTotalLabel(s: string): boolean {
  return /^tong( (diem|cong|so diem|so)\b.*)?$/.test(fold(s)); // TỔNG ĐIỂM, Tổng cộng, Tổng số điểm; not "Tổng hợp …"
}

function numberCell(raw: string): NumberCell {
  const text = squash(stripHtml(raw));
  const v = parseDecimal(text);
  return v === 'invalid' ? { raw: text, value: null, invalid: true } : { raw: text, value: v };
}

function cell(cells: readonly string[], i: number | undefined): string {
  return i === undefined ? '' : (cells[i] ?? '');
}

function findHeader(rows: RawRow[]): { at: number; map: ColumnMap } {
  let best: { at: number; map: ColumnMap; found: number } | null = null;
  for (let at = 0; at < rows.length; at++) {
    const map = mapColumns((rows[at] as RawRow).cells);
    if (missingRoles(map).length === 0) return { at, map };
    const found = Object.keys(map).length;
    if (found > 0 && (best === null || found > best.found)) best = { at, map, found };
  }
  const missing = missingRoles(best?.map ?? {});
  const vi = missing.map((r) => `"${ROLE_LABELS[r].vi}"`).join(', ');
  const en = missing.map((r) => ROLE_LABELS[r].en).join(', ');
  throw new TableFormatError(
    `Không tìm thấy dòng tiêu đề của bảng: thiếu cột ${vi}.`,
    `The table's header row was not found: missing column(s) ${en}.`,
    missing,
  );
}

/**
 * Parses an appendix table: header found by its printed names; repeated headers (page breaks) skipped;
 * a row with empty STT and empty numbers continues the previous row's note; the TỔNG ĐIỂM row → 'TOTAL'.
 * @throws TableFormatError when no header row names the code, name, max and appraised columns.
 */
export function parseScoreTable(text: string): ParsedTable {
  const rows = readDelimited(text);
  const { at, map } = findHeader(rows);
  const header = (rows[at] as RawRow).cells;
  const name = (role: ColumnRole): string | null => (map[role] === undefined ? null : squash(header[map[role]] ?? ''));
  const out: TableRow[] = [];
  for (const { cells, line } of rows.slice(at + 1)) {
    const rawCode = squash(stripHtml(cell(cells, map.code)));
    const rowName = squash(stripHtml(cell(cells, map.name)));
    const note = squash(stripHtml(cell(cells, map.note)));
    const max = numberCell(cell(cells, map.max));
    const self = numberCell(cell(cells, map.self));
    const appraised = numberCell(cell(cells, map.appraised));
    if (fold(rawCode) === fold(cell(header, map.code))) continue; // header repeated at a page break
    const noNumbers = max.raw === '' && self.raw === '' && appraised.raw === '';
    const total = isTotalLabel(rawCode) || (rawCode === '' && isTotalLabel(rowName));
    if (rawCode === '' && noNumbers && !total) {
      const prev = out[out.length - 1];
      if (prev) {
        if (rowName !== '') prev.name = squash(`${prev.name} ${rowName}`);
        if (note !== '') prev.note = squash(`${prev.note} ${note}`);
      }
      continue;
    }
    out.push({ row: line, code: total ? 'TOTAL' : normalizeCode(rawCode), rawCode, name: rowName, max, self, appraised, note });
  }
  return {
    rows: out,
    columns: {
      code: name('code') ?? '',
      name: name('name') ?? '',
      max: name('max') ?? '',
      self: name('self'),
      appraised: name('appraised') ?? '',
      note: name('note'),
    },
  };
}
