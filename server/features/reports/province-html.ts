// The province-wide report as one standalone, printable HTML page (the unit report's page and print CSS, html.ts):
// the general results, each group's ranking with its top and bottom units, per field who lost most points where,
// and the full ranking table with fields and parts as a landscape appendix. No scripts; the browser prints the PDF.
import { esc, reportPage, signed } from './html';
import { pct, pts, sentenceCase } from './format';
import { columns, fieldTitle, hasChangeNotes, type Column } from './ranking-table';
import type { ProvinceGroup, ProvinceReport, ProvinceUnit } from './province-schemas';

const PROVINCE_CSS = `
@page landscape { size: A4 landscape; margin: 15mm 12mm 15mm 15mm; }
.landscape { page: landscape; break-before: page; }
.landscape table { font-size: 8.5pt; }
.landscape th { font-size: 8pt; }
ol.units { margin: 0 0 6pt; padding-left: 1.6cm; }
td.band { white-space: nowrap; }
`;

function cell(c: Column, u: ProvinceUnit): string {
  const v = c.value(u);
  if (v === null) return '<td></td>';
  if (typeof v === 'string') return `<td${c.kind === 'text' && c.header === 'Xếp loại' ? ' class="band"' : ''}>${esc(v)}</td>`;
  const text = {
    int: () => String(v),
    points: () => pts(v, 'vi'),
    index: () => pct(v, 'vi'),
    signedPoints: () => signed(v, 2),
    signedIndex: () => signed(v, 2, '%'),
    signedInt: () => signed(v, 0),
    text: () => String(v),
  }[c.kind]();
  return `<td class="num">${esc(text)}</td>`;
}

function table(cols: Column[], g: ProvinceGroup): string {
  return `<table data-group="${esc(g.group)}"><thead><tr>${cols.map((c) => `<th>${esc(c.header)}</th>`).join('')}</tr></thead><tbody>
${g.units.map((u) => `<tr data-unit="${esc(u.unitId)}">${cols.map((c) => cell(c, u)).join('')}</tr>`).join('\n')}
<tr class="total"><td></td><td></td><td>Bình quân nhóm</td>${cols.slice(3).map((c) => (c.kind === 'index' ? `<td class="num">${esc(pct(g.average, 'vi'))}</td>` : '<td></td>')).join('')}</tr>
</tbody></table>`;
}

/** The short ranking: rank, unit, total, max, index, band, change (portrait). */
function shortColumns(g: ProvinceGroup, previousYear: number | null): Column[] {
  const keep = new Set(['Xếp hạng', 'Mã đơn vị', 'Đơn vị', 'Tổng điểm', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp loại']);
  const all = columns({ ...g, hasChangeNotes: hasChangeNotes(g) }, false, fieldTitle, previousYear);
  return all.filter((c) => keep.has(c.header) || c.kind === 'signedInt' || c.header === 'Ghi chú so sánh');
}

function groupSection(r: ProvinceReport, g: ProvinceGroup, i: number): string {
  const list = (xs: ProvinceGroup['top']) => `<ol class="units">${xs.map((x) => `<li>${esc(x.name)}: ${esc(pct(x.index, 'vi'))} (xếp thứ ${x.rank}/${g.count})</li>`).join('')}</ol>`;
  return `<h3>${i + 1}. ${esc(g.label.vi)}</h3>
<p data-group-summary="${esc(g.group)}">${esc(g.summary.vi)}</p>
${g.top.length ? `<p>Các đơn vị dẫn đầu:</p>${list(g.top)}` : ''}
${g.bottom.length ? `<p>Các đơn vị xếp cuối:</p>${list(g.bottom)}` : ''}
${table(shortColumns(g, r.campaign.previous?.year ?? null), g)}`;
}

function lossesSection(g: ProvinceGroup): string {
  const fields = g.losses.map((f) => {
    const units = f.units.length
      ? `Các đơn vị mất nhiều điểm nhất: ${f.units.map((u) => `${u.name} (mất ${pts(u.lost, 'vi')} điểm, đạt ${pct(u.percent, 'vi')})`).join('; ')}.`
      : 'Không đơn vị nào bị mất điểm.';
    const criteria = f.criteria.length
      ? `<ul class="lost">${f.criteria.map((c) => `<li><b>${esc(c.code)}</b> ${esc(c.name)}: ${c.unitsLosing} đơn vị bị mất điểm, tổng ${esc(pts(c.lost, 'vi'))} điểm; mất nhiều nhất: ${esc(c.worst.name)} (${esc(pts(c.worst.lost, 'vi'))} điểm).</li>`).join('')}</ul>`
      : '';
    return `<h3 data-field="${esc(f.code)}">${esc(f.code)}. ${esc(sentenceCase(f.name))}: bình quân ${esc(pct(f.average, 'vi'))}, cả nhóm mất ${esc(pts(f.lost, 'vi'))} điểm</h3><p>${esc(units)}</p>${criteria}`;
  });
  return `<h3>${esc(g.label.vi)}</h3>\n${fields.join('\n')}`;
}

function bandsTable(r: ProvinceReport): string {
  const bands = r.bandSet.bands;
  return `<table style="width:auto;min-width:70%"><thead><tr><th>Nhóm</th><th>Số đơn vị</th><th>Bình quân</th>${bands.map((b) => `<th>${esc(b.label.vi)}</th>`).join('')}</tr></thead><tbody>
${r.groups.map((g) => `<tr><td>${esc(g.label.vi)}</td><td class="num">${g.count}</td><td class="num">${esc(pct(g.average, 'vi'))}</td>${g.bands.map((b) => `<td class="num">${b.count}</td>`).join('')}</tr>`).join('\n')}
<tr class="total"><td>Tổng cộng</td><td class="num">${r.totals.units}</td><td></td>${r.totals.bands.map((b) => `<td class="num">${b.count}</td>`).join('')}</tr>
</tbody></table>`;
}

export function provinceReportHtml(r: ProvinceReport): string {
  const prevYear = r.campaign.previous?.year ?? null;
  return reportPage(`Báo cáo Chỉ số CCHC năm ${r.campaign.year} — ${r.campaign.name}`, `<h1>Báo cáo</h1>
<p class="subtitle">Kết quả xác định Chỉ số cải cách hành chính năm ${r.campaign.year} của các cơ quan, đơn vị</p>
<p class="meta">${esc(r.campaign.name)}${r.campaign.previous ? ` · so sánh với ${esc(r.campaign.previous.name)} (${r.campaign.previous.year})` : ''}</p>

<h2>I. Kết quả chung</h2>
<p data-summary="overall">${esc(r.summary.vi)}</p>
${r.groups.length ? bandsTable(r) : '<p>Chưa có đơn vị nào được xếp hạng.</p>'}

<h2>II. Kết quả xếp hạng theo nhóm</h2>
${r.groups.map((g, i) => groupSection(r, g, i)).join('\n')}

<h2>III. Kết quả theo lĩnh vực: các đơn vị, tiêu chí bị mất nhiều điểm</h2>
${r.groups.map(lossesSection).join('\n')}

${r.groups
  .map((g) => `<section class="landscape" data-appendix="${esc(g.group)}">
<h2 style="text-align:center">Phụ lục: Bảng xếp hạng Chỉ số CCHC năm ${r.campaign.year} — ${esc(g.label.vi)}</h2>
${table(columns({ ...g, hasChangeNotes: hasChangeNotes(g) }, false, fieldTitle, prevYear), g)}
</section>`)
  .join('\n')}`, PROVINCE_CSS);
}
