// Number formatting for the two languages: vi → "84,41" (comma decimal, dot thousands), en → "84.41".

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

/** A score as published: at least 2 and at most 4 decimals. 2 → "2,00", 1.4981 → "1,4981". */
export function formatScore(value: number | null | undefined, lang: string | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 2, 4).format(value);
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
