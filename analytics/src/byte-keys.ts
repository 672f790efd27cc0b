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
  if (size <= a.length) return a;
  let n = a.length;
  while (n < size) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Byte strings → int32, open addressing with linear probing. */
export class ByteKeys {
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private starts = new Int32Array(64);
  private hashes = new Int32Array(64);
  private values = new Int32Array(64);
  private slots = new Int32Array(128).fill(-1);
  size = 0;

  private find(bytes: Uint8Array, from: number, to: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s]!;
      if (k < 0) return -1 - s;
      if (this.hashes[k] !== h) continue;
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
    this.arena = grown(this.arena, this.used + (to - from));
    for (let i = from, j = this.used; i < to; i++, j++) this.arena[j] = bytes[i]!;
    this.starts = grown(this.starts, this.size);
    this.hashes = grown(this.hashes, this.size);
    this.values = grown(this.values, this.size);
    this.starts[k] = this.used;
    this.hashes[k] = h;
    this.values[k] = value;
    this.used += to - from;
    if (2 * this.size > this.slots.length) this.rehash();
    else this.slots[-1 - found] = k;
    return missing;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let s = this.hashes[k]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
  }
}
