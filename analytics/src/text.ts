// Text helpers for matching headers and names as people type them.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&quot;': '"', '&#39;': "'" };

/** Removes HTML tags (`<i>…</i>`, `<br>`) and decodes the few entities documents produce. */
export function stripHtml(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

/** Trims and collapses runs of white space to one space. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Case- and diacritic-insensitive form: "Điểm tự đánh giá" → "diem tu danh gia". */
export function fold(s: string): string {
  return squash(
    stripHtml(s)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase(),
  );
}

/** Word tokens of the folded text, punctuation removed. */
function words(s: string): string[] {
  return fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '');
}

/** Dice coefficient of the two names' word multisets: 1 = same words, 0 = nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
