import { describe, expect, it } from 'vitest';
import { ByteKeys } from './byte-keys';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('ByteKeys: byte strings → numbers', () => {
  it('adds keys once, finds them again through growth, and tells a key from its prefixes', () => {
    const keys = new ByteKeys();
    const ids = Array.from({ length: 20_000 }, (_, i) => `F${i}`);
    ids.forEach((id, i) => expect(keys.add(bytes(id), 0, id.length, i + 1)).toBe(-1));
    expect(keys.size).toBe(20_000);
    ids.forEach((id, i) => expect(keys.add(bytes(id), 0, id.length, 0)).toBe(i + 1));
    expect(keys.get(bytes('xF123y'), 1, 5)).toBe(124);
    expect(keys.get(bytes('F20000'), 0, 6, -7)).toBe(-7);
    expect(keys.get(bytes(''), 0, 0)).toBe(-1);
    expect(keys.add(bytes(''), 0, 0, 5)).toBe(-1);
    expect(keys.get(bytes('Sở'), 0, 0)).toBe(5);
    expect(keys.bytes).toBe(ids.reduce((s, id) => s + id.length, 0));
  });

  it('keeps its keys when room is reserved midway', () => {
    const keys = new ByteKeys();
    const word = (i: number) => bytes(`Đơn vị ${i}`);
    for (let i = 0; i < 100; i++) keys.add(word(i), 0, word(i).length, i);
    keys.reserve(50_000, 1 << 20);
    for (let i = 100; i < 5000; i++) keys.add(word(i), 0, word(i).length, i);
    for (let i = 0; i < 5000; i += 7) expect(keys.get(word(i), 0, word(i).length)).toBe(i);
  });
});
