import type { LeadershipSheet } from '../../../analytics/src/index';

/**
 * The sheets as the group-first average (byGroup) may use them. A group's answers to an item count only when the group
 * has at least `min` valid answers to it: a smaller group's mean is not shown, and were it still in the average it
 * could be worked out from the score and the means that are shown. Sheets released without a group (at a close)
 * belong to no group and are left out of this average (they count in the pooled one).
 */
export function groupAverageInput(sheets: readonly LeadershipSheet[], codes: readonly string[], min: number) {
  const key = (code: string, group: string) => `${code}\0${group}`;
  const valid = new Map<string, number>();
  const grouped = sheets.filter((s) => s.group);
  for (const s of grouped) {
    for (const code of codes) if (typeof s.answers[code] === 'number') valid.set(key(code, s.group!), (valid.get(key(code, s.group!)) ?? 0) + 1);
  }
  const shown = (code: string, group: string) => (valid.get(key(code, group)) ?? 0) >= min;
  return {
    sheets: grouped.map((s) => ({ group: s.group, answers: Object.fromEntries(codes.map((c) => [c, shown(c, s.group!) ? (s.answers[c] ?? null) : null])) })),
    /** valid answers of a group to an item, before the small groups were taken out */
    validAnswers: (code: string, group: string) => valid.get(key(code, group)) ?? 0,
  };
}
