// The appendix table as published (Phụ lục: STT, name, max, self-assessed, appraised, note) as XLSX and CSV,
// with the printed header names the importer recognises, so an exported table can be imported again.
import ExcelJS from 'exceljs';
import { roundTo } from '../../../analytics/src/index';
import type { ScoreNode, ScoreTree } from '../../../analytics/src/types';
import type { Report } from './schemas';
import { flatten } from './service';
import { asText, csvFile, csvNumber } from './csv';

export { csvNumber } from './csv';

export interface AppendixRow {
  /** STT: the criterion code, '' on the total row */
  code: string;
  name: string;
  /** 0 field, 1 criterion, 2 sub-criterion, -1 the total row */
  level: number;
  max: number;
  self: number | null;
  appraised: number | null;
  note: string;
}

export const APPENDIX_HEADER = ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Ghi chú'] as const;

/** The score tree in printed order, then the TỔNG ĐIỂM row (appraised = the total, empty leaves counted 0). */
export function appendixRows(tree: ScoreTree): AppendixRow[] {
  const rows = flatten(tree.root)
    .filter((n: ScoreNode) => n.level >= 0 && !n.notApplicable)
    .map((n) => ({ code: n.code, name: n.name, level: n.level, max: n.max, self: n.self, appraised: n.appraised, note: n.note ?? '' }));
  rows.push({ code: '', name: 'TỔNG ĐIỂM', level: -1, max: tree.max, self: tree.root.self, appraised: tree.total, note: '' });
  return rows;
}

/**
 * UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting (csv.ts).
 * `decimalComma`: ';' between cells and decimal commas, for Excel under Vietnamese regional settings.
 */
export function appendixCsv(rows: readonly AppendixRow[], decimalComma = false): Buffer {
  const cells = rows.map((r) => [r.code, asText(r.name), csvNumber(r.max, decimalComma), csvNumber(r.self, decimalComma), csvNumber(r.appraised, decimalComma), asText(r.note)]);
  return csvFile(APPENDIX_HEADER, cells, decimalComma);
}

const SCORE_FORMAT = '0.00##';
const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export function headerRow(sheet: ExcelJS.Worksheet, values: string[]) {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => {
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  return row;
}

/**
 * Three sheets: "Phụ lục 02" the appendix table (fields and the total bold, sub-criteria italic, scores with 2–4
 * decimals), "Phụ lục 01" fields and criteria with %, rank, change and the agencies, "Mất điểm" the points lost.
 */
export async function reportXlsx(report: Report, tree: ScoreTree): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  wb.created = new Date();
  const title = `${report.unit.name} — ${report.campaign.name} (${report.campaign.year})`;

  const appendix = wb.addWorksheet('Phụ lục 02', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  appendix.columns = [{ width: 8 }, { width: 62 }, { width: 11 }, { width: 11 }, { width: 11 }, { width: 55 }];
  appendix.addRow([`BẢNG TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${report.campaign.year} — ${title}`]).font = { bold: true, size: 12 };
  appendix.mergeCells(1, 1, 1, 6);
  headerRow(appendix, [...APPENDIX_HEADER]);
  for (const r of appendixRows(tree)) {
    const row = appendix.addRow([r.code, r.name, r.max, r.self, r.appraised, r.note || null]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (r.level <= 0) row.font = { bold: true };
    else if (r.level === 2) row.getCell(2).font = { italic: true };
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = SCORE_FORMAT;
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  }

  const summary = wb.addWorksheet('Phụ lục 01', { views: [{ state: 'frozen', ySplit: 2 }] });
  summary.columns = [{ width: 8 }, { width: 55 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 9 }, { width: 9 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 36 }];
  summary.addRow([`KẾT QUẢ THEO LĨNH VỰC, TIÊU CHÍ — ${title}`]).font = { bold: true, size: 12 };
  summary.mergeCells(1, 1, 1, 11);
  const prevYear = report.campaign.previous?.year;
  headerRow(summary, [
    'STT', 'Lĩnh vực/Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Tỷ lệ %', 'Xếp hạng',
    prevYear ? `Điểm năm ${prevYear}` : 'Điểm năm trước', 'Tăng (+), giảm (-) tỷ lệ %', 'Tăng (+), giảm (-) bậc', 'Đơn vị phụ trách',
  ]);
  const totalLine = { code: '', name: 'TỔNG ĐIỂM', level: -1, agencies: [] as string[], ...report.total };
  for (const r of [...report.rows, totalLine]) {
    const row = summary.addRow([
      r.code, r.name, r.max, r.self, r.appraised, r.percent === null ? null : roundTo(r.percent, 2) / 100,
      r.rank ? `${r.rank.rank}/${r.rank.of}` : null, r.previous?.appraised ?? null,
      r.change?.percent === null || r.change?.percent === undefined ? null : r.change.percent / 100, r.change?.rank ?? null, r.agencies.join('; ') || null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (r.level <= 0) row.font = { bold: true };
    for (const c of [3, 4, 5, 8]) row.getCell(c).numFmt = SCORE_FORMAT;
    row.getCell(6).numFmt = '0.00%';
    row.getCell(9).numFmt = '+0.00%;-0.00%;0.00%';
    row.getCell(10).numFmt = '+0;-0;0';
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  }

  const lost = wb.addWorksheet('Mất điểm', { views: [{ state: 'frozen', ySplit: 2 }] });
  lost.columns = [{ width: 8 }, { width: 55 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 60 }, { width: 36 }];
  lost.addRow([`CÁC TIÊU CHÍ BỊ MẤT ĐIỂM — ${title}`]).font = { bold: true, size: 12 };
  lost.mergeCells(1, 1, 1, 7);
  headerRow(lost, ['STT', 'Tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Điểm thẩm định', 'Điểm bị mất', 'Lý do (ghi chú)', 'Đơn vị phụ trách']);
  for (const l of report.lost) {
    const row = lost.addRow([l.code, l.name, l.max, l.appraised, l.lost, l.note, l.agencies.join('; ') || null]);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = SCORE_FORMAT;
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

