// The report's sentences in the style of the provinces' analysis reports (../shared/reference/), e.g.
// "Năm 2022, Chỉ số CCHC của tỉnh Hà Giang đạt 84,41% (84,41/100 điểm), xếp thứ 40/63 (giảm 2,36 điểm và 12 bậc
// so với năm 2021), xếp loại: Loại B." — Vietnamese first, the same facts in English second.
import { inSentence, maxPts, num, pct, places, pts, score, sentenceCase, type Lang } from './format';
import type { Report, ReportRow } from './schemas';

type Change = NonNullable<ReportRow['change']>;
type Words = { up: string; down: string; points: string; places: string; same: string; and: string };
const WORDS: Record<Lang, Words> = {
  vi: { up: 'tăng', down: 'giảm', points: 'điểm', places: 'bậc', same: 'giữ nguyên thứ hạng', and: 'và' },
  en: { up: 'up', down: 'down', points: 'points', places: 'places', same: 'same rank', and: 'and' },
};

/** "giảm 2,36 điểm và 12 bậc" / "tăng 0,50 điểm, giảm 02 bậc" / "down 2.36 points and 12 places" */
function scoreAndRankChange(c: Change, lang: Lang): string {
  const w = WORDS[lang];
  const s = Math.round(c.score * 100) / 100;
  const scorePart = s === 0 ? null : { dir: s > 0 ? w.up : w.down, text: `${pts(Math.abs(s), lang)} ${w.points}` };
  const rankPart = c.rank === null ? null : c.rank === 0 ? { dir: '', text: w.same } : { dir: c.rank > 0 ? w.up : w.down, text: `${places(c.rank)} ${w.places}` };
  if (scorePart && rankPart && scorePart.dir === rankPart.dir) return `${scorePart.dir} ${scorePart.text} ${w.and} ${rankPart.text}`;
  return [scorePart, rankPart].filter((p) => p !== null).map((p) => (p.dir ? `${p.dir} ${p.text}` : p.text)).join(', ');
}

/** "xếp thứ 41/63, tăng 03 bậc" */
function rankText(row: Pick<ReportRow, 'rank' | 'change'>, lang: Lang): string {
  if (!row.rank) return '';
  const w = WORDS[lang];
  const at = lang === 'vi' ? `xếp thứ ${row.rank.rank}/${row.rank.of}` : `ranked ${row.rank.rank}/${row.rank.of}`;
  const r = row.change?.rank;
  if (r === null || r === undefined) return at;
  return `${at}, ${r === 0 ? w.same : `${r > 0 ? w.up : w.down} ${places(r)} ${w.places}`}`;
}

/** "so với năm 2024" or, through the lineage, "so với năm 2024, gộp từ: A, B, C" (issue 14). */
function since(r: Omit<Report, 'summary'>, lang: Lang): string {
  const note = r.baseline?.note;
  if (note) return note[lang];
  return lang === 'vi' ? `so với năm ${r.campaign.previous!.year}` : `on ${r.campaign.previous!.year}`;
}

/** " (đơn vị mới)" for a unit with no predecessor in the previous campaign. */
function newUnit(r: Omit<Report, 'summary'>, lang: Lang): string {
  return r.baseline?.kind === 'new' && r.baseline.note ? ` (${r.baseline.note[lang]})` : '';
}

function overall(r: Omit<Report, 'summary'>, lang: Lang): string {
  const t = r.total;
  const change = t.change && r.campaign.previous ? scoreAndRankChange(t.change, lang) : '';
  if (lang === 'vi') {
    return [
      `Năm ${r.campaign.year}, Chỉ số CCHC của ${inSentence(r.unit.name)} đạt ${pct(t.percent, lang)} (${pts(t.appraised, lang)}/${maxPts(t.max, lang)} điểm)`,
      t.rank ? `, xếp thứ ${t.rank.rank}/${t.rank.of} (điểm trung bình của nhóm: ${pct(t.rank.groupAverage, lang)})` : '',
      change ? ` (${change} ${since(r, 'vi')})` : newUnit(r, 'vi'),
      r.band ? `, xếp loại: ${r.band.label.vi}` : '',
      '.',
    ].join('');
  }
  return [
    `In ${r.campaign.year}, the PAR INDEX of ${r.unit.name} was ${pct(t.percent, lang)} (${pts(t.appraised, lang)}/${maxPts(t.max, lang)} points)`,
    t.rank ? `, ranked ${t.rank.rank}/${t.rank.of} (group average ${pct(t.rank.groupAverage, lang)})` : '',
    change ? ` (${change} ${since(r, 'en')})` : newUnit(r, 'en'),
    r.band ? `, band: ${r.band.label.en}` : '',
    '.',
  ].join('');
}

function parts(r: Omit<Report, 'summary'>, lang: Lang): string {
  const { content, leadership_survey: leaders, sipas } = r.parts;
  // parts print whole maxima without decimals, as the reports do (7,78/10 điểm; 17,69/22 điểm)
  const of = (p: { score: number; max: number }) => `${pts(p.score, lang)}/${maxPts(p.max, lang)} ${lang === 'vi' ? 'điểm' : 'points'}`;
  const social = { score: leaders.score + sipas.score, max: leaders.max + sipas.max };
  const out: string[] = [];
  if (lang === 'vi') {
    if (content.max > 0) out.push(`Điểm nội dung (thẩm định): ${of(content)}`);
    if (social.max > 0) {
      const inner = [
        sipas.max > 0 ? `chỉ số hài lòng của người dân, tổ chức (SIPAS): ${of(sipas)}` : '',
        leaders.max > 0 ? `điều tra đại biểu HĐND và lãnh đạo, quản lý: ${of(leaders)}` : '',
      ].filter(Boolean);
      out.push(`điểm điều tra xã hội học: ${of(social)}${inner.length ? `, trong đó ${inner.join('; ')}` : ''}`);
    }
  } else {
    if (content.max > 0) out.push(`Content points (appraised): ${of(content)}`);
    if (social.max > 0) {
      const inner = [
        sipas.max > 0 ? `citizen satisfaction (SIPAS): ${of(sipas)}` : '',
        leaders.max > 0 ? `survey of People's Council delegates and leaders: ${of(leaders)}` : '',
      ].filter(Boolean);
      out.push(`sociological survey points: ${of(social)}${inner.length ? `, of which ${inner.join('; ')}` : ''}`);
    }
  }
  const text = out.join('; ');
  return text ? `${text.charAt(0).toLocaleUpperCase(lang)}${text.slice(1)}.` : '';
}

function field(row: ReportRow, prevYear: number | null, lang: Lang): string {
  const name = sentenceCase(row.name);
  const p = row.change?.percent;
  const since = p !== null && p !== undefined && prevYear !== null
    ? lang === 'vi'
      ? `, ${p >= 0 ? 'tăng' : 'giảm'} ${num(Math.abs(p), lang, 2, 2)}% so với năm ${prevYear}`
      : `, ${p >= 0 ? 'up' : 'down'} ${num(Math.abs(p), lang, 2, 2)} percentage points on ${prevYear}`
    : '';
  const rank = rankText(row, lang);
  const reached = lang === 'vi' ? 'đạt' : 'scored';
  const unit = lang === 'vi' ? 'điểm' : 'points';
  return `${row.code}. ${name}: ${reached} ${pts(row.appraised, lang)}/${maxPts(row.max, lang)} ${unit} (${pct(row.percent, lang)})${since}${rank ? `, ${rank}` : ''}.`;
}

function fieldLost(row: ReportRow, r: Omit<Report, 'summary'>, lang: Lang): string | null {
  const items = r.lost.filter((l) => l.field === row.code);
  if (items.length === 0) return null;
  // content criteria one by one (the ones an agency can act on); survey items as a count and the points they lost
  const content = items.filter((l) => l.source === 'content' || l.source === null);
  const survey = items.filter((l) => l.source === 'leadership_survey' || l.source === 'sipas');
  const surveyLost = survey.reduce((s, l) => s + l.lost, 0);
  const list = content.map((l) => `${l.code} (${pts(l.appraised, lang)}/${pts(l.max, lang)})`).join(', ');
  const agencies = [...new Set(content.flatMap((l) => l.agencies))];
  const vi = lang === 'vi';
  const parts = [
    content.length ? (vi ? `${content.length} tiêu chí, tiêu chí thành phần nội dung bị trừ điểm: ${list}` : `${content.length} content criteria / sub-criteria lost points: ${list}`) : '',
    survey.length ? (vi ? `${survey.length} tiêu chí thành phần điều tra xã hội học mất ${pts(surveyLost, lang)} điểm` : `${survey.length} survey sub-criteria lost ${pts(surveyLost, lang)} points`) : '',
  ].filter(Boolean);
  const who = agencies.length ? (vi ? ` Đơn vị phụ trách: ${agencies.join('; ')}.` : ` Responsible: ${agencies.join('; ')}.`) : '';
  return `${vi ? 'Mất' : 'Lost'} ${pts(row.lostPoints, lang)} ${vi ? 'điểm' : 'points'}; ${parts.join('; ')}.${who}`;
}

export function summarise(r: Omit<Report, 'summary'>): Report['summary'] {
  const both = (f: (lang: Lang) => string) => ({ vi: f('vi'), en: f('en') });
  const prevYear = r.campaign.previous?.year ?? null;
  return {
    overall: both((lang) => overall(r, lang)),
    parts: both((lang) => parts(r, lang)),
    fields: r.rows
      .filter((row) => row.level === 0)
      .map((row) => {
        const lostVi = fieldLost(row, r, 'vi');
        return { code: row.code, text: both((lang) => field(row, prevYear, lang)), lost: lostVi === null ? null : { vi: lostVi, en: fieldLost(row, r, 'en')! } };
      }),
  };
}
