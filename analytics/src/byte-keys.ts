// A hash table from byte strings to int32 values, its keys packed in one growing byte array (issue 10: a million
// form ids checked for duplicates in a few tens of MB instead of a Map of a million strings).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h | 0;
}

function grown<T extends Uint8Array | Int32Array>(a: T, size: number): T {
  let n = a.length;
  while (n < size) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Byte strings → int32, open addressing with linear probing. Each slot holds the key's hash beside its number, so a
 * new key costs one random memory access (the slot) unless its hash is already there.
 */
export class ByteKeys {
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private starts = new Int32Array(64);
  private values = new Int32Array(64);
  /** per slot: hash, key number + 1 (0 = empty) */
  private table = new Int32Array(2 * 128);
  size = 0;

  /** bytes of all keys */
  get bytes(): number {
    return this.used;
  }

  /** the key's number, or −1 − the empty slot where it would go */
  private find(bytes: Uint8Array, from: number, to: number, h: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = table[2 * s + 1]! - 1;
      if (k < 0) return -1 - s;
      if (table[2 * s] !== h) continue;
      const start = this.starts[k]!;
      const end = k + 1 < this.size ? this.starts[k + 1]! : this.used;
      if (end - start !== len) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (this.arena[start + j] !== bytes[from + j]) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
  }

  /** The value of the key bytes[from, to), or `missing`. */
  get(bytes: Uint8Array, from: number, to: number, missing = -1): number {
    const k = this.find(bytes, from, to, hashBytes(bytes, from, to));
    return k >= 0 ? this.values[k]! : missing;
  }

  /** Adds the key with `value` unless it is there; returns the value it already had, or `missing` when it was added. */
  add(bytes: Uint8Array, from: number, to: number, value: number, missing = -1): number {
    const h = hashBytes(bytes, from, to);
    const found = this.find(bytes, from, to, h);
    if (found >= 0) return this.values[found]!;
    const k = this.size++;
    if (this.used + (to - from) > this.arena.length) this.arena = grown(this.arena, this.used + (to - from));
    const arena = this.arena;
    for (let i = from, j = this.used; i < to; i++, j++) arena[j] = bytes[i]!;
    if (k === this.starts.length) this.reserve(k + 1, 0);
    this.starts[k] = this.used;
    this.values[k] = value;
    this.used += to - from;
    if (4 * this.size > this.table.length) this.rehash(2 * this.size);
    else {
      const slot = -1 - found;
      this.table[2 * slot] = h;
      this.table[2 * slot + 1] = k + 1;
    }
    return missing;
  }

  /** Makes room for `keys` keys in all, of `bytes` bytes in all (no growing while they are added). */
  reserve(keys: number, bytes: number): void {
    if (bytes > this.arena.length) this.arena = grown(this.arena, bytes);
    if (keys > this.starts.length) {
      this.starts = grown(this.starts, keys);
      this.values = grown(this.values, keys);
    }
    if (4 * keys > this.table.length) this.rehash(2 * keys);
  }

  /** A table of at least `slots` slots (a power of 2), the keys in it again. */
  private rehash(slots: number): void {
    let length = this.table.length >> 1;
    while (length < slots) length *= 2;
    const old = this.table;
    const table = new Int32Array(2 * length);
    const mask = length - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === 0) continue;
      let s = old[o]! & mask;
      while (table[2 * s + 1] !== 0) s = (s + 1) & mask;
      table[2 * s] = old[o]!;
      table[2 * s + 1] = old[o + 1]!;
    }
    this.table = table;
  }
}
