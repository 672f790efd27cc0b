/**
 * Small-cell suppression for a categorical column of microdata: every category held by fewer than `min` rows is
 * blanked (''), and when that leaves 1 to min − 1 blank rows, the next smallest categories are blanked as well until
 * the blanks are at least `min` rows (or everything is blank) — otherwise a lone blank would be known to be the one
 * suppressed category. Rows already blank count as blank.
 */
export function blankSmallCategories(values: readonly string[], min: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  const blanked = new Set([...counts].filter(([, n]) => n < min).map(([v]) => v));
  let blanks = values.filter((v) => v === '' || blanked.has(v)).length;
  const rest = [...counts].filter(([v]) => !blanked.has(v)).sort((a, b) => a[1] - b[1]);
  while (blanks > 0 && blanks < min && rest.length > 0) {
    const [v, n] = rest.shift()!;
    blanked.add(v);
    blanks += n;
  }
  return values.map((v) => (blanked.has(v) ? '' : v));
}
