// Seeded pseudo-random numbers: the same seed gives the same draw on every machine (re-check samples, demo data,
// simulations, bootstrap). mulberry32 — small, fast, good enough for sampling (not for secrets).

const MULBERRY_STEP = 0x6d2b79f5;

export function mulberry32(seed: number): () => number {
  // the state lives in a typed array: a captured number above 2^31 would be re-boxed on every draw (the bootstrap
  // draws millions); Uint32Array stores wrap modulo 2^32 exactly as `>>> 0` did, so the stream is unchanged
  const state = new Uint32Array(1);
  state[0] = seed >>> 0;
  return () => {
    state[0] = state[0]! + MULBERRY_STEP;
    let t = state[0]!;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * mulberry32(seed) after `skip` draws: its state only advances by a constant step, so draw k of the stream is
 * reached in O(1) (the bootstrap of a domain draws only in the strata the domain touches).
 */
export function mulberry32After(seed: number, skip: number): () => number {
  return mulberry32(((seed >>> 0) + Math.imul(skip, MULBERRY_STEP)) >>> 0);
}

/** A 32-bit hash of a string (FNV-1a), to derive per-stratum seeds from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The first k items of a seeded Fisher–Yates shuffle (input order matters: sort it first for reproducibility). */
export function seededSample<T>(items: readonly T[], k: number, seed: number): T[] {
  const a = [...items];
  const rand = mulberry32(seed);
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}
