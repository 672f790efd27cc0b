import { describe, expect, it } from 'vitest';
import { hash32, mulberry32, seededSample } from './random';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    [10, 3],
    [10, 0],
    [3, 5],
  ])('samples k distinct items of %i (k = %i), reproducibly', (n, k) => {
    const items = Array.from({ length: n }, (_, i) => i);
    const s = seededSample(items, k, 7);
    expect(s).toHaveLength(Math.min(n, k));
    expect(new Set(s).size).toBe(s.length);
    expect(seededSample(items, k, 7)).toEqual(s);
    expect(items).toEqual(Array.from({ length: n }, (_, i) => i)); // input untouched
  });

  it('draws every item about equally often', () => {
    const counts = new Array(10).fill(0);
    for (let seed = 0; seed < 5000; seed++) for (const x of seededSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, seed)) counts[x]++;
    for (const c of counts) expect(c).toBeGreaterThan(850); // expected 1000 each
  });

  it('hashes strings to 32-bit integers', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    expect(hash32('x')).toBeLessThan(2 ** 32);
  });
});
