// Numbers and names as the reports print them: Vietnamese "84,41" / English "84.41".
export type Lang = 'vi' | 'en';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}|${min}|${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, f);
  }
  return f;
}

/** A number with min..max decimals; "—" for none. */
export function num(x: number | null | undefined, lang: Lang, min = 2, max = min): string {
  return x == null || !Number.isFinite(x) ? '—' : numberFormat(lang, min, max).format(x);
}
// The rule of web/shared/format/numbers.ts (issue 12 item 8): points 2 decimals, appendix-table scores 4,
// percentages 2 with "%". The CSV/XLSX exports reproduce the publication's own cells instead (appendix.ts csvNumber).
/** Points (totals, scores, maxima, points lost): exactly 2 decimals (8,62 · 90,00). */
export const pts = (x: number | null | undefined, lang: Lang) => num(x, lang, 2, 2);
/** A maximum: points, 2 decimals (9,50 · 10,00 · 100,00). */
export const maxPts = (x: number, lang: Lang) => pts(x, lang);
/** A score in the report's appendix table: exactly 4 decimals (1,4981 · 2,0000). */
export const score = (x: number | null | undefined, lang: Lang) => num(x, lang, 4, 4);
/** An index: 84,41% */
export const pct = (x: number | null | undefined, lang: Lang) => (x == null ? '—' : `${num(x, lang, 2, 2)}%`);
/** A count of places as the reports write it: 03, 12 */
export const places = (n: number) => String(Math.abs(n)).padStart(2, '0');

// Abbreviations kept in capitals when a field's name printed in capitals is turned into a sentence.
const ABBREVIATIONS = ['CCHC', 'TTHC', 'KT-XH', 'HĐND', 'UBND', 'VBQPPL', 'QPPL', 'SIPAS', 'NDXP', 'LGSP', 'CBCCVC', 'SNCL', 'PAKN', 'NSNN', 'TĐTHPL', 'CNTT'];

/** "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC" → "Công tác chỉ đạo, điều hành CCHC"; names in mixed case stay as they are. */
export function sentenceCase(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters === '' || letters !== letters.toLocaleUpperCase('vi')) return name;
  const lower = name.toLocaleLowerCase('vi');
  let out = lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
  for (const a of ABBREVIATIONS) {
    out = out.replace(new RegExp(`(^|[^\\p{L}])${a.toLocaleLowerCase('vi')}(?![\\p{L}])`, 'gu'), (_m, before: string) => `${before}${a}`);
  }
  return out;
}

/** "Tỉnh Hà Giang" → "tỉnh Hà Giang" inside a sentence (administrative level words only; "Sở Nội vụ" stays). */
export function inSentence(unitName: string): string {
  return unitName.replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn)(?= )/u, (w) => w.toLocaleLowerCase('vi'));
}

/** A file name part: ASCII letters, digits, '-' and '_' only (Vietnamese letters lose their marks). */
export function fileSafe(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'unit';
}
