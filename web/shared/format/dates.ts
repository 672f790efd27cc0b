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

/** A calendar date "YYYY-MM-DD" as "21/11/2025" (vi) / "11/21/2025" (en); the text itself when it is not one. */
export function formatDate(day: string, lang: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeOf(lang), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 phút trước" / "3 minutes ago", "hôm qua" / "yesterday"; the input text itself when it is not a date. */
export function formatRelative(iso: string, lang: string | undefined, now: number = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  let value = (time - now) / 1000;
  const format = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  // the clocks of the server and of this device differ by a few seconds: that is "now", not "in 3 seconds"
  if (Math.abs(value) < 45) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return iso;
}

/** A length of time: 754 → "12 phút 34 giây" (vi) / "12 min 34 s" (en); 300 → "5 phút"; 3720 → "1 giờ 2 phút". */
export function formatDuration(seconds: number | null | undefined, lang: string | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const en = lang?.startsWith('en') ?? false;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = en ? { h: 'h', m: 'min', s: 's' } : { h: 'giờ', m: 'phút', s: 'giây' };
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} ${unit.h}`);
  if (m > 0 || h > 0) parts.push(`${m} ${unit.m}`);
  if (h === 0 && (s > 0 || m === 0)) parts.push(`${s} ${unit.s}`);
  return parts.join(' ');
}
