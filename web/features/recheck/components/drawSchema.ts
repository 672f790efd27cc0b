import { z } from 'zod';
import { parseDecimal } from '../../../../analytics/src/numbers';

export const MAX_SEED = 2_147_483_647;

/** A fresh seed for a draw: a random whole number from 1 to 2 147 483 647, shown so the draw can be repeated. */
export function randomSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return ((buffer[0] ?? 1) % MAX_SEED) + 1;
}

const percentOf = (text: string) => {
  const value = parseDecimal(text);
  return typeof value === 'number' ? value : null;
};

// Messages are translation keys.
export const drawSchema = z.object({
  percent: z.string().refine((t) => {
    const v = percentOf(t);
    return v !== null && v > 0 && v <= 100;
  }, 'recheck.draw.percentRange'),
  seed: z.string().refine((t) => /^\s*\d+\s*$/.test(t) && Number(t) >= 0 && Number(t) <= MAX_SEED, 'recheck.draw.seedInvalid'),
});
export type DrawValues = z.infer<typeof drawSchema>;

export function toDraw(values: DrawValues): { percent: number; seed: number } {
  return { percent: percentOf(values.percent) ?? 0, seed: Number(values.seed.trim()) };
}
