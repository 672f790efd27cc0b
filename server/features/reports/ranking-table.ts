// The ranking table of a campaign (issue 12 point 11): every ranked unit per group with its fields, parts, total,
// index, band, rank and change — the figures of the ranking page — as XLSX (a sheet per group, numbers with formats)
// and CSV (all groups in one table, csv.ts conventions as the appendix CSV).
import ExcelJS from 'exceljs';
import { roundTo } from '../../../analytics/src/index';
import { BORDER, headerRow } from './appendix';
import { asText, csvFile, csvNumber } from './csv';
import { maxPts } from './format';
import type { ProvinceGroup, ProvinceReport, ProvinceUnit } from './province-schemas';

export type Column = { header: string; width: number; value: (u: ProvinceUnit) => number | string | null; kind: 'text' | 'points' | 'index' | 'signedPoints' | 'signedIndex' | 'signedInt' | 'int' };

const PART_HEADERS = {
  content: 'Điểm nội dung (thẩm định)',
  sociological: 'Điểm điều tra xã hội học',
  leadership_survey: 'Trong đó: điều tra lãnh đạo, quản lý',
  sipas: 'Trong đó: SIPAS',
} as const;

/** The columns of a group's table: rank, unit, fields, parts, total, index, band, change. */
export function columns(g: Pick<ProvinceGroup, 'fields' | 'hasParts'> & { hasChangeNotes: boolean }, withGroup: boolean, fieldHeader: (f: ProvinceGroup['fields'][number]) => string, previousYear: number | null): Column[] {
  const social = g.hasParts.leadership_survey || g.hasParts.sipas;
  const both = g.hasParts.leadership_survey && g.hasParts.sipas;
  const prev = `năm ${previousYear}`;
  return [
    { header: 'Xếp hạng', width: 9, value: (u) => u.rank, kind: 'int' },
    { header: 'Mã đơn vị', width: 14, value: (u) => u.code, kind: 'text' },
    { header: 'Đơn vị', width: 36, value: (u) => u.name, kind: 'text' },
    ...(withGroup ? [{ header: 'Nhóm', width: 22, value: (u: ProvinceUnit) => u.group, kind: 'text' as const }] : []),
    ...g.fields.map((f, i): Column => ({ header: fieldHeader(f), width: 12, value: (u) => u.fields[i]?.score ?? null, kind: 'points' })),
    { header: PART_HEADERS.content, width: 12, value: (u) => u.parts.content.score, kind: 'points' },
    ...(social ? [{ header: PART_HEADERS.sociological, width: 12, value: (u: ProvinceUnit) => u.parts.sociological.score, kind: 'points' as const }] : []),
    ...(both
      ? [
          { header: PART_HEADERS.leadership_survey, width: 12, value: (u: ProvinceUnit) => u.parts.leadership_survey.score, kind: 'points' as const },
          { header: PART_HEADERS.sipas, width: 12, value: (u: ProvinceUnit) => u.parts.sipas.score, kind: 'points' as const },
        ]
      : []),
    { header: 'Tổng điểm', width: 11, value: (u) => u.score, kind: 'points' },
    { header: 'Điểm tối đa', width: 11, value: (u) => u.max, kind: 'points' },
    { header: 'Chỉ số (%)', width: 11, value: (u) => u.index, kind: 'index' },
    { header: 'Xếp loại', width: 14, value: (u) => u.band?.label.vi ?? null, kind: 'text' },
    // the change only when the campaign follows another
    ...(previousYear === null
      ? []
      : ([
          { header: `Tăng (+), giảm (-) điểm so với ${prev}`, width: 13, value: (u) => u.change?.score ?? null, kind: 'signedPoints' },
          { header: `Tăng (+), giảm (-) chỉ số so với ${prev}`, width: 13, value: (u) => u.change?.percent ?? null, kind: 'signedIndex' },
          { header: `Tăng (+), giảm (-) bậc so với ${prev}`, width: 12, value: (u) => u.change?.rank ?? null, kind: 'signedInt' },
        ] satisfies Column[])),
    // "so với năm 2024, gộp từ: A, B" — only when some unit is compared through its lineage
    ...(g.hasChangeNotes ? [{ header: 'Ghi chú so sánh', width: 36, value: (u: ProvinceUnit) => u.changeNote?.vi ?? null, kind: 'text' as const }] : []),
  ];
}

/** Does some unit of the group compare with its lineage (a note says with what)? */
export const hasChangeNotes = (g: Pick<ProvinceGroup, 'units'>) => g.units.some((u) => u.changeNote !== null);

/** "1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC (9,50 điểm)" — the field's code, name and maximum */
export const fieldTitle = (f: ProvinceGroup['fields'][number]) => `${f.code}. ${f.name} (${maxPts(f.max, 'vi')} điểm)`;

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ] */
const sheetName = (s: string, used: Set<string>) => {
  let name = s.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
  for (let i = 2; used.has(name); i++) name = `${s.slice(0, 27)} (${i})`;
  used.add(name);
  return name;
};

const FORMATS: Record<Column['kind'], string | undefined> = {
  text: undefined,
  int: '0',
  points: '0.00',
  // the index is stored as a fraction (84,41% = 0.8441), as the unit's report workbook does
  index: '0.00%',
  signedPoints: '+0.00;-0.00;0.00',
  signedIndex: '+0.00%;-0.00%;0.00%',
  signedInt: '+0;-0;0',
};
const cellValue = (c: Column, v: number | string | null) =>
  v === null ? null : typeof v === 'number' && (c.kind === 'index' || c.kind === 'signedIndex') ? roundTo(v, 2) / 100 : v;

/** One sheet per group: title, header, the units by rank, the group's mean index. */
export async function rankingXlsx(r: ProvinceReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  wb.created = new Date();
  const used = new Set<string>();
  for (const g of r.groups) {
    const cols = columns({ ...g, hasChangeNotes: hasChangeNotes(g) }, false, fieldTitle, r.campaign.previous?.year ?? null);
    const sheet = wb.addWorksheet(sheetName(g.label.vi, used), {
      views: [{ state: 'frozen', ySplit: 2, xSplit: 3 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = cols.map((c) => ({ width: c.width }));
    sheet.addRow([`BẢNG XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${r.campaign.year} — ${g.label.vi.toLocaleUpperCase('vi')} (${r.campaign.name})`]).font = { bold: true, size: 12 };
    sheet.mergeCells(1, 1, 1, cols.length);
    headerRow(sheet, cols.map((c) => c.header)).height = 60;
    for (const u of g.units) {
      const row = sheet.addRow(cols.map((c) => cellValue(c, c.value(u))));
      cols.forEach((c, i) => {
        const f = FORMATS[c.kind];
        if (f) row.getCell(i + 1).numFmt = f;
      });
      row.alignment = { vertical: 'top', wrapText: true };
      row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    }
    const average = sheet.addRow(cols.map((c, i) => (i === 2 ? 'Bình quân nhóm' : c.kind === 'index' ? roundTo(g.average, 2) / 100 : null)));
    average.font = { bold: true };
    average.getCell(cols.findIndex((c) => c.kind === 'index') + 1).numFmt = FORMATS.index!;
    average.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  }
  if (r.groups.length === 0) wb.addWorksheet('Chưa có đơn vị').addRow(['Chưa có đơn vị nào được xếp hạng.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * All groups in one table, a row per unit (the group in its own column); field columns by code ("Lĩnh vực 1"),
 * since groups scored with different criteria sets name their fields differently. Numbers as the appendix CSV.
 */
export function rankingCsv(r: ProvinceReport, decimalComma: boolean): Buffer {
  const fieldCodes: string[] = [];
  for (const g of r.groups) for (const f of g.fields) if (!fieldCodes.includes(f.code)) fieldCodes.push(f.code);
  const all = {
    fields: fieldCodes.map((code) => ({ code, name: '', max: 0 })),
    hasParts: { leadership_survey: r.groups.some((g) => g.hasParts.leadership_survey), sipas: r.groups.some((g) => g.hasParts.sipas) },
    hasChangeNotes: r.groups.some(hasChangeNotes),
  };
  const cols = columns(all, true, (f) => `Lĩnh vực ${f.code}`, r.campaign.previous?.year ?? null);
  const fmt = (c: Column, v: number | string | null) =>
    v === null ? '' : typeof v === 'string' ? asText(v) : c.kind === 'int' || c.kind === 'signedInt' ? String(v) : c.kind === 'index' || c.kind === 'signedIndex' ? csvNumber(roundTo(v, 2), decimalComma) : csvNumber(v, decimalComma);
  const rows = r.groups.flatMap((g) =>
    g.units.map((u) => {
      // the unit's fields in the CSV's order of codes
      const byCode = new Map(g.fields.map((f, i) => [f.code, u.fields[i] ?? null]));
      const unit = { ...u, group: g.label.vi, fields: fieldCodes.map((c) => byCode.get(c) ?? null) };
      return cols.map((c) => fmt(c, c.value(unit)));
    }),
  );
  return csvFile(cols.map((c) => c.header), rows, decimalComma);
}
