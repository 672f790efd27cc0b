import { localeOf } from './numbers';

/** "07:31 21/11/2025" (vi) / "11/21/2025, 07:31 AM" (en); the input text itself when it is not a date. */
export function formatDateTime(iso: string, lang: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
