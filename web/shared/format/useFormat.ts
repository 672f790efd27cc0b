import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatDuration, formatRelative } from './dates';
import { formatInteger, formatNumber, formatPercent, formatScore, formatSigned, formatTableScore } from './numbers';

/** Formatting helpers bound to the current language; every number on screen goes through these. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(
    () => ({
      lang,
      number: (value: number | null | undefined, decimals = 2) => formatNumber(value, lang, decimals),
      /** points: scores, maxima, totals — 2 decimals (the rule: numbers.ts) */
      score: (value: number | null | undefined) => formatScore(value, lang),
      /** a score in an appendix table (score tree, report table) — 4 decimals */
      tableScore: (value: number | null | undefined) => formatTableScore(value, lang),
      percent: (value: number | null | undefined) => formatPercent(value, lang),
      integer: (value: number | null | undefined) => formatInteger(value, lang),
      signed: (value: number | null | undefined, decimals = 2) => formatSigned(value, lang, decimals),
      dateTime: (iso: string) => formatDateTime(iso, lang),
      /** a calendar day "YYYY-MM-DD" */
      date: (day: string) => formatDate(day, lang),
      /** "3 phút trước" / "3 minutes ago" */
      relative: (iso: string, now?: number) => formatRelative(iso, lang, now),
      /** seconds as "12 phút 34 giây" / "12 min 34 s" */
      duration: (seconds: number | null | undefined) => formatDuration(seconds, lang),
      /** picks the current language's text of a { vi, en } pair */
      text: (pair: { vi: string; en: string }) => (lang.startsWith('en') ? pair.en : pair.vi),
    }),
    [lang],
  );
}
