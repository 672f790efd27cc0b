// Number formatting for the two languages: vi → "84,41" (comma decimal, dot thousands), en → "84.41".
//
// One rule per kind of figure (issue 12 item 8; the server's reports follow the same rule, server/features/reports/format.ts):
// - points (scores, maxima, totals, points lost) → exactly 2 decimals: 84,41 · 90,00 · 2,00 · 1,50 (formatScore);
// - a score in an appendix table (the score tree, the report's table) → exactly 4 decimals, as the published
//   appendices print computed scores (1,4981 · 7,6256), fixed so a column lines up: 0,7750 · 1,1952 (formatTableScore);
// - percentages and indices → 2 decimals with "%": 84,41% (formatPercent);
// - counts → whole numbers with thousands separators: 66.108 (formatInteger).
// Typed values in form inputs keep the precision stored (scoreFormSchema toInputText), they are not display figures.

export type Lang = 'vi' | 'en';

export function localeOf(lang: string | undefined): string {
  return lang?.startsWith('en') ? 'en' : 'vi-VN';
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string | undefined, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const locale = localeOf(lang);
  const key = `${locale}|${minDigits}|${maxDigits}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    cache.set(key, format);
  }
  return format;
}

const DASH = '—';

/** A number with a fixed count of decimals (2 by default): 84.4089 → "84,41" (vi) / "84.41" (en). */
export function formatNumber(value: number | null | undefined, lang: string | undefined, decimals = 2): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, decimals, decimals).format(value);
}

/** Points (a score, a maximum, a total, points lost): exactly 2 decimals. 2 → "2,00", 84.4089 → "84,41". */
export function formatScore(value: number | null | undefined, lang: string | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 2, 2).format(value);
}

/** A score in an appendix table: exactly 4 decimals, as published. 0.775 → "0,7750", 1.1952 → "1,1952". */
export function formatTableScore(value: number | null | undefined, lang: string | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 4, 4).format(value);
}

/** An index in percent with 2 decimals: 84.41 → "84,41%". */
export function formatPercent(value: number | null | undefined, lang: string | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${numberFormat(lang, 2, 2).format(value)}%`;
}

/** A whole number: 66108 → "66.108" (vi) / "66,108" (en). */
export function formatInteger(value: number | null | undefined, lang: string | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 0, 0).format(value);
}

/** A difference with its sign: +1,23 / −0,50 / 0,00. */
export function formatSigned(value: number | null | undefined, lang: string | undefined, decimals = 2): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const text = numberFormat(lang, decimals, decimals).format(Math.abs(value));
  const rounded = Number(value.toFixed(decimals));
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `−${text}`;
  return text;
}
