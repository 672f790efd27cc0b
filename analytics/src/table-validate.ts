// Checks an imported appendix table against itself and its criteria set, reporting what is wrong and where
// instead of silently using or rejecting the table (PAR-INDEX.md §7). Kinds and fields: types.ts `Finding`.
import type { CriteriaSet, Finding, ParsedTable, TableRow } from './types';
import { fmt4, fmt4vi, sum } from './numbers';
import { childSum, type NumberColumn, tableStructure, type TableStructure } from './table-structure';
import { suggestCodeByName } from './table-suggest';

/** Above this a stated sum is wrong; up to it (and above 0) it is rounding (PAR-INDEX.md §7: 8.1 7.78 vs 7.783). */
export const SUM_TOLERANCE = 0.005;
/** Differences below this are binary noise, not differences. */
const EPS = 1e-6;

const COLUMN_EN: Record<NumberColumn, string> = { max: 'maximum', self: 'self-assessed', appraised: 'appraised' };

interface Ctx {
  table: ParsedTable;
  set: CriteriaSet;
  st: TableStructure;
  out: Finding[];
}

function where(ctx: Ctx, r: TableRow, column: NumberColumn): { vi: string; en: string } {
  const printed = ctx.table.columns[column] ?? COLUMN_EN[column];
  const vi = r.code === 'TOTAL' ? `Dòng ${r.row}, dòng TỔNG ĐIỂM` : `Dòng ${r.row}, mã ${r.code}`;
  const en = r.code === 'TOTAL' ? `Row ${r.row}, total row` : `Row ${r.row}, code ${r.code}`;
  return { vi: `${vi}, cột "${printed}"`, en: `${en}, ${COLUMN_EN[column]} column` };
}

function add(ctx: Ctx, f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }): void {
  ctx.out.push({ severity: 'error', ...f });
}

function checkCode(ctx: Ctx, r: TableRow): void {
  if (r.code === 'TOTAL') return;
  if (!ctx.st.index.byCode.has(r.code)) {
    add(ctx, {
      kind: 'unknown_code', code: r.code, row: r.row, column: 'code',
      message: r.code === ''
        ? { vi: `Dòng ${r.row}: có điểm nhưng không có mã (STT).`, en: `Row ${r.row}: a row with numbers but no code (STT).` }
        : { vi: `Dòng ${r.row}: mã "${r.rawCode}" không có trong bộ tiêu chí ${ctx.set.code}.`, en: `Row ${r.row}: code "${r.rawCode}" is not in criteria set ${ctx.set.code}.` },
    });
  }
  if (!ctx.st.duplicates.includes(r)) return;
  const firstRow = ctx.st.first.get(r.code)?.row;
  const s = suggestCodeByName(r, ctx.set);
  add(ctx, {
    kind: 'duplicate_code', code: r.code, row: r.row, column: 'code',
    message: {
      vi: `Dòng ${r.row}: mã ${r.code} lặp lại (đã có ở dòng ${firstRow}).` + (s ? ` Tên tiêu chí trùng với tên của ${s} — có phải là ${s}?` : ''),
      en: `Row ${r.row}: code ${r.code} appears again (first at row ${firstRow}).` + (s ? ` Its name is that of ${s} — did you mean ${s}?` : ''),
    },
  });
}

function checkCells(ctx: Ctx, r: TableRow): void {
  const def = ctx.st.index.byCode.get(r.code);
  for (const column of ['max', 'self', 'appraised'] as const) {
    const c = r[column];
    const w = where(ctx, r, column);
    if (c.invalid) {
      add(ctx, { kind: 'unparsable_number', code: r.code, row: r.row, column, message: { vi: `${w.vi}: không đọc được số "${c.raw}".`, en: `${w.en}: cannot read "${c.raw}" as a number.` } });
      continue;
    }
    if (c.value !== null && c.value < 0) {
      add(ctx, { kind: 'negative_score', code: r.code, row: r.row, column, actual: c.value, message: { vi: `${w.vi}: số âm (${fmt4vi(c.value)}).`, en: `${w.en}: negative number (${fmt4(c.value)}).` } });
    }
  }
  const printedMax = r.max.value;
  if (def && printedMax !== null && Math.abs(printedMax - def.maxPoints) > EPS) {
    const w = where(ctx, r, 'max');
    add(ctx, {
      kind: 'max_mismatch', code: r.code, row: r.row, column: 'max', expected: def.maxPoints, actual: printedMax,
      message: {
        vi: `${w.vi}: điểm tối đa ghi ${fmt4vi(printedMax)} nhưng bộ tiêu chí ${ctx.set.code} quy định ${fmt4vi(def.maxPoints)}.`,
        en: `${w.en}: printed maximum ${fmt4(printedMax)} but criteria set ${ctx.set.code} says ${fmt4(def.maxPoints)}.`,
      },
    });
  }
  for (const column of ['self', 'appraised'] as const) {
    const v = r[column].value;
    if (v === null) continue;
    const w = where(ctx, r, column);
    const overPrinted = printedMax !== null && v > printedMax + EPS;
    const overSet = def !== undefined && v > def.maxPoints + EPS;
    if (!overPrinted && !overSet) continue;
    const max = overPrinted ? (printedMax as number) : (def as { maxPoints: number }).maxPoints;
    const knockOn = overPrinted && def !== undefined && !overSet;
    add(ctx, {
      kind: 'score_exceeds_max', code: r.code, row: r.row, column, expected: max, actual: v, severity: knockOn ? 'warning' : 'error',
      message: {
        vi: `${w.vi}: điểm ${fmt4vi(v)} vượt điểm tối đa ${fmt4vi(max)} ${overPrinted ? 'ghi trong bảng' : `của bộ tiêu chí ${ctx.set.code}`}.`
          + (knockOn ? ` Điểm tối đa ghi trong bảng khác bộ tiêu chí (${fmt4vi(def.maxPoints)}).` : ''),
        en: `${w.en}: score ${fmt4(v)} exceeds the maximum ${fmt4(max)} ${overPrinted ? 'printed in the table' : `of criteria set ${ctx.set.code}`}.`
          + (knockOn ? ` The printed maximum differs from the criteria set's (${fmt4(def.maxPoints)}).` : ''),
      },
    });
  }
}

/** A parent row's stated value and its child rows' sum in one column; null when either is unknown. */
export function statedVsChildren(st: TableStructure, r: TableRow, column: NumberColumn): { stated: number; children: number } | null {
  const kids = st.childRows.get(r.code);
  const stated = r[column].value;
  if (!kids || kids.length === 0 || stated === null) return null;
  // An unreadable child cell makes the sum unknown (reported as unparsable_number); every child row prints a max.
  if (kids.some((k) => k[column].invalid || (column === 'max' && k.max.value === null))) return null;
  const children = childSum(kids, column);
  return children === null ? null : { stated, children };
}

function checkSums(ctx: Ctx, r: TableRow): void {
  const kids = ctx.st.childRows.get(r.code) ?? [];
  const whose = r.code === 'TOTAL' ? { vi: 'tổng các lĩnh vực', en: 'the field rows sum to' } : { vi: 'tổng các mục con', en: 'its child rows sum to' };
  for (const column of ['max', 'self', 'appraised'] as const) {
    const s = statedVsChildren(ctx.st, r, column);
    if (s === null) continue;
    const diff = s.stated - s.children;
    if (Math.abs(diff) <= EPS) continue;
    const w = where(ctx, r, column);
    const numbers = { vi: `ghi ${fmt4vi(s.stated)} nhưng ${whose.vi} là ${fmt4vi(s.children)} (chênh ${fmt4vi(diff)})`, en: `states ${fmt4(s.stated)} but ${whose.en} ${fmt4(s.children)} (difference ${fmt4(diff)})` };
    const base = { code: r.code, row: r.row, column, expected: s.children, actual: s.stated };
    if (column === 'max') {
      const kidsMax = r.code === 'TOTAL' ? { vi: 'các lĩnh vực', en: 'field rows' } : { vi: 'các mục con', en: 'child rows' };
      add(ctx, {
        ...base, kind: 'max_mismatch',
        message: {
          vi: `${w.vi}: điểm tối đa ghi ${fmt4vi(s.stated)} nhưng tổng điểm tối đa của ${kidsMax.vi} là ${fmt4vi(s.children)} (chênh ${fmt4vi(diff)}).`,
          en: `${w.en}: printed maximum ${fmt4(s.stated)} but the ${kidsMax.en}' printed maxima sum to ${fmt4(s.children)} (difference ${fmt4(diff)}).`,
        },
      });
    } else if (Math.abs(diff) <= SUM_TOLERANCE) {
      add(ctx, { ...base, kind: 'rounding', severity: 'info', message: { vi: `${w.vi}: ${numbers.vi} — do làm tròn.`, en: `${w.en}: ${numbers.en} — rounding.` } });
    } else {
      // Knock-on: the stated value is right once the children that are themselves inconsistent count with their own children's sum.
      const culprits = kids.filter((k) => {
        const ks = statedVsChildren(ctx.st, k, column);
        return ks !== null && Math.abs(ks.stated - ks.children) > SUM_TOLERANCE;
      });
      const adjusted = sum(kids.map((k) => (culprits.includes(k) ? (statedVsChildren(ctx.st, k, column) as { children: number }).children : (k[column].value ?? 0))));
      const knockOn = culprits.length > 0 && Math.abs(s.stated - adjusted) <= SUM_TOLERANCE;
      const codes = culprits.map((k) => k.code).join(', ');
      add(ctx, {
        ...base, kind: 'sum_mismatch', severity: knockOn ? 'warning' : 'error',
        message: {
          vi: `${w.vi}: ${numbers.vi}.` + (knockOn ? ` Đây là hệ quả của sai lệch ở ${codes}.` : ''),
          en: `${w.en}: ${numbers.en}.` + (knockOn ? ` This follows from the mismatch at ${codes}.` : ''),
        },
      });
    }
  }
}

function checkMissing(ctx: Ctx): void {
  const misnumbered = new Map<string, TableRow>();
  for (const d of ctx.st.duplicates) {
    const s = suggestCodeByName(d, ctx.set);
    if (s !== null && !misnumbered.has(s)) misnumbered.set(s, d);
  }
  for (const c of ctx.set.criteria) {
    if (ctx.st.first.has(c.code)) continue;
    const d = misnumbered.get(c.code);
    add(ctx, {
      kind: 'missing_code', code: c.code, row: null, column: 'code',
      message: {
        vi: `Bảng thiếu mã ${c.code} (${c.name}) của bộ tiêu chí ${ctx.set.code}.` + (d ? ` Dòng ${d.row} ghi mã ${d.code} nhưng mang tên tiêu chí này.` : ''),
        en: `Code ${c.code} (${c.name}) of criteria set ${ctx.set.code} is missing from the table.` + (d ? ` Row ${d.row}, printed as ${d.code}, has this criterion's name.` : ''),
      },
    });
  }
}

/**
 * Validates a parsed table against a criteria set: codes (unknown, duplicate, missing), number cells
 * (unparsable, negative, above the maximum), printed maxima (vs the set and vs the children's printed maxima)
 * and stated sums of every parent row and the total row in both score columns (PAR-INDEX.md §1: parent = sum of
 * children). `rounding` findings are `info`; knock-on findings that follow from another one are `warning`.
 */
export function validateScoreTable(table: ParsedTable, set: CriteriaSet): Finding[] {
  const ctx: Ctx = { table, set, st: tableStructure(table.rows, set), out: [] };
  for (const r of table.rows) {
    checkCode(ctx, r);
    checkCells(ctx, r);
    if (ctx.st.first.get(r.code) === r) checkSums(ctx, r);
  }
  checkMissing(ctx);
  return ctx.out;
}
