import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { assessableLeaves, campaignLeaves, campaignUnits, notApplicableCodes } from './appraisal.repository';
import { setCache } from './queue.service';
import { toLeafState, type LeafState } from './assessment-leaf.repository';

// The table the council signs (issue 11): one workbook with every unit of the campaign — a summary sheet with the
// totals per unit, then one sheet per unit with, per criterion, max, self-assessed, appraised and final scores, the
// appraisal comment and the unit's response. Numbers stay numbers (2-decimal format); headers in Vietnamese.

const NUMBER_FORMAT = '0.00';
const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const STATUS_VI: Record<string, string> = {
  draft: 'Đang tự đánh giá', submitted: 'Đã nộp', appraised: 'Đã thẩm định', responded: 'Đã giải trình', finalised: 'Đã thẩm định lại', approved: 'Đã phê duyệt',
};
const UNIT_HEADER = ['Mã', 'Lĩnh vực / Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Điểm cuối cùng', 'Nhận xét thẩm định', 'Giải trình của đơn vị', 'Nhận xét thẩm định lại'];
const SUMMARY_HEADER = ['STT', 'Mã đơn vị', 'Đơn vị', 'Trạng thái', 'Điểm tối đa', 'Tổng điểm tự đánh giá', 'Tổng điểm thẩm định', 'Tổng điểm cuối cùng', 'Số tiêu chí bị hạ điểm'];

function header(sheet: ExcelJS.Worksheet, values: string[]) {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => { c.border = BORDER; c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }; });
}

/** Excel reads a cell starting with = + - @ as a formula: a leading space keeps text text. */
const text = (s: string | null) => (s === null ? null : /^[=+\-@\t\r]/.test(s) ? ` ${s}` : s);

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(used: Set<string>, wanted: string): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Đơn vị';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** Sums of the applicable leaves under each node (null when no leaf under it has a value). */
function nodeSums(set: CriteriaSet, applicable: ReadonlySet<string>, leaves: Map<string, LeafState>) {
  const children = new Map<string, string[]>();
  for (const c of set.criteria) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c.code]);
  const memo = new Map<string, { max: number; self: number | null; appraised: number | null; final: number | null }>();
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  const byCode = new Map(set.criteria.map((c) => [c.code, c]));
  const walk = (code: string): { max: number; self: number | null; appraised: number | null; final: number | null } => {
    if (memo.has(code)) return memo.get(code)!;
    const kids = children.get(code) ?? [];
    let out;
    if (kids.length === 0) {
      const l = leaves.get(code);
      out = applicable.has(code)
        ? { max: byCode.get(code)!.maxPoints, self: l?.selfScore ?? null, appraised: l?.appraisedScore ?? null, final: l?.finalScore ?? null }
        : { max: 0, self: null, appraised: null, final: null };
    } else {
      out = kids.map(walk).reduce((s, k) => ({ max: s.max + k.max, self: add(s.self, k.self), appraised: add(s.appraised, k.appraised), final: add(s.final, k.final) }),
        { max: 0, self: null as number | null, appraised: null as number | null, final: null as number | null });
    }
    memo.set(code, out);
    return out;
  };
  return walk;
}

export async function councilWorkbook(db: Kysely<DB>, campaignId: string): Promise<{ buffer: Buffer; filename: string }> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const sheets = new Map((await db.selectFrom('assessment_sheet').select(['unit_id', 'status']).where('campaign_id', '=', campaignId).execute()).map((s) => [s.unit_id, s.status]));
  const rows = new Map((await campaignLeaves(db, campaignId)).map((r) => [`${r.unit_id}/${r.criterion_code}`, toLeafState(r)]));
  const na = await notApplicableCodes(db, campaignId);
  const setFor = setCache(db, campaignId);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  const used = new Set<string>();
  const summary = wb.addWorksheet(sheetName(used, 'Tổng hợp'), { views: [{ state: 'frozen', ySplit: 2 }] });
  summary.columns = [{ width: 6 }, { width: 12 }, { width: 40 }, { width: 18 }, { width: 12 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 12 }];
  summary.addRow([`KẾT QUẢ TỰ ĐÁNH GIÁ VÀ THẨM ĐỊNH CHỈ SỐ CCHC — ${campaign.name}`]).font = { bold: true, size: 12 };
  summary.mergeCells(1, 1, 1, SUMMARY_HEADER.length);
  header(summary, SUMMARY_HEADER);

  let index = 0;
  for (const unit of await campaignUnits(db, campaignId)) {
    const set = await setFor(unit.id);
    if (!set) continue;
    index++;
    const applicable = new Set(assessableLeaves(set, na.get(unit.id) ?? new Set()).map((c) => c.code));
    const leaves = new Map<string, LeafState>();
    for (const code of applicable) { const l = rows.get(`${unit.id}/${code}`); if (l) leaves.set(code, l); }
    const sums = nodeSums(set, applicable, leaves);
    const ws = wb.addWorksheet(sheetName(used, unit.code), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = [{ width: 9 }, { width: 55 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 45 }, { width: 45 }, { width: 40 }];
    ws.addRow([`${unit.name} — ${campaign.name} (${STATUS_VI[sheets.get(unit.id) ?? 'draft']})`]).font = { bold: true, size: 12 };
    ws.mergeCells(1, 1, 1, UNIT_HEADER.length);
    header(ws, UNIT_HEADER);
    let lowered = 0;
    for (const c of set.criteria) {
      const isLeaf = c.source !== null;
      if (isLeaf && !applicable.has(c.code)) continue; // not applicable (reduced maximum) or not self-assessed (survey leaves)
      const s = sums(c.code);
      if (!isLeaf && s.max === 0) continue;
      const l = leaves.get(c.code);
      if (l && l.appraisedScore !== null && l.selfScore !== null && l.appraisedScore < l.selfScore) lowered++;
      const row = ws.addRow([
        c.code, text(c.name), s.max, s.self, s.appraised, s.final,
        text(l?.appraisalComment ?? null), text(l?.responseText ?? null), text(l?.finalComment ?? null),
      ]);
      if (c.level === 0) row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = BORDER;
        if (col >= 3 && col <= 6) cell.numFmt = NUMBER_FORMAT;
        else cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    const total = set.criteria.filter((c) => c.level === 0).map((c) => sums(c.code))
      .reduce<{ max: number; self: number; appraised: number; final: number }>((t, s) => ({ max: t.max + s.max, self: t.self + (s.self ?? 0), appraised: t.appraised + (s.appraised ?? 0), final: t.final + (s.final ?? 0) }), { max: 0, self: 0, appraised: 0, final: 0 });
    const totalRow = ws.addRow(['', 'TỔNG ĐIỂM', total.max, total.self, total.appraised, total.final]);
    totalRow.font = { bold: true };
    totalRow.eachCell((cell, col) => { cell.border = BORDER; if (col >= 3) cell.numFmt = NUMBER_FORMAT; });
    const srow = summary.addRow([index, unit.code, text(unit.name), STATUS_VI[sheets.get(unit.id) ?? 'draft'], total.max, total.self, total.appraised, total.final, lowered]);
    srow.eachCell((cell, col) => { cell.border = BORDER; if (col >= 5 && col <= 8) cell.numFmt = NUMBER_FORMAT; });
  }
  const filename = `PAR-INDEX_${campaign.year}_tham-dinh.xlsx`;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename };
}
