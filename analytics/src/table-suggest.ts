// "Did you mean": the criterion of the set whose name a misnumbered row carries (PAR-INDEX.md §7 fault 1:
// the second 5.1.2 row is 5.1.3 by its name).
import type { CriteriaSet, TableRow } from './types';
import { nameSimilarity } from './text';

/** Names this similar (Dice on words, 1 = same words) are taken as the same criterion. */
export const SAME_NAME = 0.8;

/** The code (other than the row's own) whose name matches the row's name best, if any matches. */
export function suggestCodeByName(row: TableRow, set: CriteriaSet): string | null {
  let best: { code: string; score: number } | null = null;
  for (const c of set.criteria) {
    if (c.code === row.code) continue;
    const score = nameSimilarity(row.name, c.name);
    if (score >= SAME_NAME && (best === null || score > best.score)) best = { code: c.code, score };
  }
  return best?.code ?? null;
}
