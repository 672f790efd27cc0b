// The report as one standalone, printable HTML page (A4, print CSS, a font stack with Vietnamese letters).
// No scripts (the CSP allows none inline); the browser's print dialog makes the PDF.
import type { ScoreTree } from '../../../analytics/src/types';
import { appendixRows } from './appendix';
import { maxPts, num, pct, pts, score, sentenceCase } from './format';
import type { Report, ReportRow } from './schemas';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number | null | undefined) => esc(score(x, 'vi'));
export const signed = (x: number | null | undefined, decimals: number, suffix = '') =>
  x === null || x === undefined ? '' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${esc(num(Math.abs(x), 'vi', decimals))}${suffix}`;

/** A standalone report page around `body` (Vietnamese; the print CSS, then `extraCss`; no scripts). `title` is plain text. */
export const reportPage = (title: string, body: string, extraCss = '') => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}${extraCss}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

export const CSS = `
@page { size: A4; margin: 20mm 15mm 18mm 25mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", "Liberation Serif", serif; font-size: 13pt; line-height: 1.45; color: #000; margin: 0; background: #f3f3f3; }
main { background: #fff; max-width: 210mm; margin: 12px auto; padding: 20mm 15mm 18mm 25mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
h1 { font-size: 15pt; text-align: center; text-transform: uppercase; margin: 0 0 2pt; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 2pt; }
.meta { text-align: center; font-style: italic; margin: 0 0 14pt; }
h2 { font-size: 13pt; text-transform: uppercase; margin: 16pt 0 6pt; break-after: avoid; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1cm; }
ul.lost { margin: 0 0 8pt; padding-left: 1.6cm; }
ul.lost li { margin-bottom: 3pt; text-align: justify; }
.muted { color: #444; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.3; margin: 4pt 0 10pt; }
th, td { border: 0.6pt solid #333; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.code { white-space: nowrap; }
tr.l0 td, tr.total td { font-weight: bold; }
tr.l2 td.name { font-style: italic; }
.appendix { break-before: page; }
.appendix h2 { text-align: center; }
@media print {
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
}
`;

function fieldSection(r: Report, row: ReportRow, i: number): string {
  const s = r.summary.fields[i]!;
  // the content criteria with their reasons; survey items are counted in the sentence (the workbook lists them all)
  const items = r.lost.filter((l) => l.field === row.code && (l.source === 'content' || l.source === null));
  const list = items.length
    ? `<ul class="lost">${items
        .map((l) => `<li><b>${esc(l.code)}</b> ${esc(l.name)}: đạt ${n(l.appraised)}/${n(l.max)} điểm (mất ${n(l.lost)} điểm).${l.note ? ` <i>Lý do:</i> ${esc(l.note)}` : ''}${l.agencies.length ? ` <i>Đơn vị phụ trách:</i> ${esc(l.agencies.join('; '))}.` : ''}</li>`)
        .join('')}</ul>`
    : '';
  return `<h3>${esc(s.text.vi)}</h3>${s.lost ? `<p>${esc(s.lost.vi)}</p>` : ''}${list}`;
}

function resultsTable(r: Report): string {
  const prev = r.campaign.previous;
  const line = (cls: string, x: Pick<ReportRow, 'code' | 'name' | 'max' | 'self' | 'appraised' | 'percent' | 'rank' | 'change' | 'agencies'> & { previous: ReportRow['previous'] }) => `<tr class="${cls}">
<td class="code">${esc(x.code)}</td><td class="name">${esc(x.name)}</td><td class="num">${n(x.max)}</td><td class="num">${n(x.self)}</td>
<td class="num">${n(x.appraised)}</td><td class="num">${esc(pct(x.percent, 'vi'))}</td><td class="num">${x.rank ? `${x.rank.rank}/${x.rank.of}` : ''}</td>
${prev ? `<td class="num">${x.previous ? n(x.previous.appraised) : ''}</td><td class="num">${signed(x.change?.percent, 2, '%')}</td><td class="num">${signed(x.change?.rank, 0)}</td>` : ''}
<td>${esc(x.agencies.join('; '))}</td></tr>`;
  return `<table><thead><tr><th>STT</th><th>Lĩnh vực/Tiêu chí</th><th>Điểm tối đa</th><th>Điểm tự đánh giá</th><th>Điểm thẩm định</th><th>Tỷ lệ %</th><th>Xếp hạng</th>
${prev ? `<th>Điểm năm ${prev.year}</th><th>Tăng, giảm tỷ lệ %</th><th>Tăng, giảm bậc</th>` : ''}<th>Đơn vị phụ trách</th></tr></thead><tbody>
${r.rows.map((x) => line(`l${x.level}`, x)).join('\n')}
${line('total', { code: '', name: 'TỔNG ĐIỂM', agencies: [], ...r.total })}
</tbody></table>`;
}

function appendixTable(tree: ScoreTree): string {
  return `<table><thead><tr><th>STT</th><th>Lĩnh vực/Tiêu chí/Tiêu chí thành phần</th><th>Điểm tối đa</th><th>Điểm tự đánh giá</th><th>Điểm thẩm định</th><th>Ghi chú</th></tr></thead><tbody>
${appendixRows(tree)
  .map((x) => `<tr class="${x.level < 0 ? 'total' : `l${x.level}`}"><td class="code">${esc(x.code)}</td><td class="name">${esc(x.name)}</td><td class="num">${n(x.max)}</td><td class="num">${x.self === null ? '' : n(x.self)}</td><td class="num">${x.appraised === null ? '' : n(x.appraised)}</td><td>${esc(x.note)}</td></tr>`)
  .join('\n')}
</tbody></table>`;
}

export function reportHtml(r: Report, tree: ScoreTree): string {
  const fields = r.rows.filter((x) => x.level === 0);
  const partsRow = (label: string, p: { score: number; max: number; percent: number | null }) =>
    p.max > 0 ? `<tr><td>${esc(label)}</td><td class="num">${esc(pts(p.score, 'vi'))}</td><td class="num">${esc(maxPts(p.max, 'vi'))}</td><td class="num">${esc(pct(p.percent, 'vi'))}</td></tr>` : '';
  return reportPage(`Báo cáo Chỉ số CCHC năm ${r.campaign.year} — ${r.unit.name}`, `<h1>Báo cáo</h1>
<p class="subtitle">Phân tích kết quả Chỉ số cải cách hành chính (PAR INDEX) năm ${r.campaign.year}</p>
<p class="subtitle">${esc(r.unit.name)}</p>
<p class="meta">${esc(r.campaign.name)}${r.campaign.previous ? ` · so sánh với ${esc(r.campaign.previous.name)} (${r.campaign.previous.year})` : ''}</p>

<h2>I. Kết quả chung</h2>
<p data-summary="overall">${esc(r.summary.overall.vi)}</p>
${r.approval ? `<p data-approval="${r.approval.approved ? 'approved' : 'pending'}">${esc(r.approval.note.vi)}</p>` : ''}
${r.summary.parts.vi ? `<p>${esc(r.summary.parts.vi)}</p>` : ''}
<table style="width:auto;min-width:60%"><thead><tr><th>Thành phần</th><th>Điểm đạt</th><th>Điểm tối đa</th><th>Tỷ lệ %</th></tr></thead><tbody>
${partsRow('Điểm nội dung (thẩm định)', r.parts.content)}
${partsRow('Điều tra đại biểu HĐND, lãnh đạo, quản lý', r.parts.leadership_survey)}
${partsRow('Chỉ số hài lòng của người dân, tổ chức (SIPAS)', r.parts.sipas)}
<tr class="total"><td>Tổng điểm</td><td class="num">${esc(pts(r.total.appraised, 'vi'))}</td><td class="num">${esc(maxPts(r.total.max, 'vi'))}</td><td class="num">${esc(pct(r.total.percent, 'vi'))}</td></tr>
</tbody></table>

<h2>II. Kết quả theo lĩnh vực và các tiêu chí bị mất điểm</h2>
${fields.map((row, i) => fieldSection(r, row, i)).join('\n')}
${r.lost.length === 0 ? '<p>Không có tiêu chí nào bị mất điểm.</p>' : ''}

<h2>III. Kết quả theo lĩnh vực, tiêu chí</h2>
${resultsTable(r)}

<section class="appendix">
<h2>Phụ lục: Bảng tổng hợp kết quả Chỉ số CCHC năm ${r.campaign.year}</h2>
<p class="meta">${esc(r.unit.name)} · ${esc(sentenceCase(r.campaign.name))}</p>
${appendixTable(tree)}
</section>`);
}
