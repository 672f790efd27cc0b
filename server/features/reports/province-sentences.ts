// The province-wide report's sentences, in the style of the provinces' summary reports: Vietnamese first, the same
// facts in English second. Numbers follow format.ts (indices 2 decimals with %).
import { num, pct, type Lang } from './format';
import type { ProvinceGroup, ProvinceReport } from './province-schemas';

type Bands = ProvinceGroup['bands'];

/** "Xuất sắc 1, Tốt 4, Khá 3" — bands without units are left out */
function bandsText(bands: Bands, lang: Lang): string {
  return bands.filter((b) => b.count > 0).map((b) => `${b.label[lang]} ${num(b.count, lang, 0)}`).join(', ');
}

export function groupSummary(g: Omit<ProvinceGroup, 'summary'>, previousYear: number | null): { vi: string; en: string } {
  const top = g.top[0];
  const bottom = g.count > 1 ? [...g.units].sort((a, b) => b.rank - a.rank)[0] : undefined;
  const say = (lang: Lang) => {
    const vi = lang === 'vi';
    const parts = [
      vi
        ? `Nhóm ${g.label.vi}: ${num(g.count, lang, 0)} đơn vị, chỉ số bình quân ${pct(g.average, lang)}`
        : `${g.label.en}: ${num(g.count, lang, 0)} units, mean index ${pct(g.average, lang)}`,
    ];
    if (top && bottom) {
      parts.push(vi
        ? `cao nhất là ${top.name} (${pct(top.index, lang)}), thấp nhất là ${bottom.name} (${pct(bottom.index, lang)})`
        : `highest ${top.name} (${pct(top.index, lang)}), lowest ${bottom.name} (${pct(bottom.index, lang)})`);
    }
    let text = `${parts.join('; ')}.`;
    const bands = bandsText(g.bands, lang);
    if (bands) text += vi ? ` Xếp loại: ${bands}.` : ` Bands: ${bands}.`;
    if (g.movement && previousYear !== null) {
      const m = g.movement;
      text += vi
        ? ` So với năm ${previousYear}: ${m.up} đơn vị tăng bậc, ${m.down} đơn vị giảm bậc, ${m.same} đơn vị giữ nguyên thứ hạng.`
        : ` Against ${previousYear}: ${m.up} moved up, ${m.down} moved down, ${m.same} kept their rank.`;
    }
    return text;
  };
  return { vi: say('vi'), en: say('en') };
}

export function provinceSummary(r: Omit<ProvinceReport, 'summary'>): { vi: string; en: string } {
  const say = (lang: Lang) => {
    const vi = lang === 'vi';
    const groups = r.groups.map((g) => `${g.label[lang]} (${num(g.count, lang, 0)})`).join(', ');
    let text = vi
      ? `Năm ${r.campaign.year}, ${num(r.totals.units, lang, 0)} đơn vị được đánh giá, xác định Chỉ số CCHC và xếp hạng theo ${r.groups.length} nhóm: ${groups}.`
      : `In ${r.campaign.year}, ${num(r.totals.units, lang, 0)} units were assessed and ranked in ${r.groups.length} group(s): ${groups}.`;
    const bands = bandsText(r.totals.bands, lang);
    if (bands) text += vi ? ` Xếp loại: ${bands} đơn vị.` : ` Bands: ${bands} units.`;
    if (r.notApproved.count > 0) {
      text += vi
        ? ` Còn ${r.notApproved.count} đơn vị chưa được Hội đồng phê duyệt, chưa được xếp hạng: ${r.notApproved.units.join(', ')}.`
        : ` ${r.notApproved.count} unit(s) not yet approved by the council are not ranked: ${r.notApproved.units.join(', ')}.`;
    }
    return text;
  };
  return { vi: say('vi'), en: say('en') };
}
