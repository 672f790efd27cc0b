import { randomInt } from 'node:crypto';

/**
 * Shuffles in place (Fisher–Yates) with the operating system's random generator: nobody can predict or replay the
 * order, which matters where an order must say nothing (released answer sheets, microdata rows).
 */
export function secureShuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
