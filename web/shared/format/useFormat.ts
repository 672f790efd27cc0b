import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './dates';
import { formatInteger, formatNumber, formatPercent, formatScore, formatSigned } from './numbers';

/** Formatting helpers bound to the current language; every number on screen goes through these. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(
    () => ({
      lang,
      number: (value: number | null | undefined, decimals = 2) => formatNumber(value, lang, decimals),
      score: (value: number | null | undefined) => formatScore(value, lang),
      percent: (value: number | null | undefined) => formatPercent(value, lang),
      integer: (value: number | null | undefined) => formatInteger(value, lang),
      signed: (value: number | null | undefined, decimals = 2) => formatSigned(value, lang, decimals),
      dateTime: (iso: string) => formatDateTime(iso, lang),
      /** picks the current language's text of a { vi, en } pair */
      text: (pair: { vi: string; en: string }) => (lang.startsWith('en') ? pair.en : pair.vi),
    }),
    [lang],
  );
}
