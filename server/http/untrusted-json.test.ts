import { describe, expect, it } from 'vitest';
import { cleanJson, describeChanges, FORM_LIMITS, type CleanJson } from './untrusted-json';

const refused = (r: CleanJson) => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.refusal;
};
const cleaned = (r: CleanJson) => {
  if (!r.ok) throw new Error(`expected a value, got ${r.refusal.message.en}`);
  return r;
};
const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
};

describe('cleanJson: untrusted JSON made storable, or refused with the field and the reason', () => {
  it('returns ordinary Vietnamese answers unchanged, with no changes listed', () => {
    const value = { gov_level: 'district', q1: 4, q2: [1, 3], note: 'Cán bộ tận tình 👍\ttốt\r\n', ok: true, none: null, n: -0.5 };
    const r = cleaned(cleanJson(value));
    expect(r.value).toEqual(value);
    expect(r.changes).toEqual([]);
  });

  it('removes NUL and other control characters from strings, keeping tab, LF and CR, and says where', () => {
    const r = cleaned(cleanJson({ answers: { note: 'a\u0000b\u0007c\u001f\td\n', list: ['x\u000b'] } }));
    expect(r.value).toEqual({ answers: { note: 'abc\td\n', list: ['x'] } });
    expect(r.changes).toEqual([
      { path: 'answers.note', removedControls: 3, replacedSurrogates: 0 },
      { path: 'answers.list[0]', removedControls: 1, replacedSurrogates: 0 },
    ]);
    const d = describeChanges(r.changes);
    expect(d.vi).toContain('answers.note (xoá 3 ký tự điều khiển)');
    expect(d.en).toContain('answers.list[0] (1 control character(s) removed)');
  });

  it('replaces lone surrogates (an emoji cut in half) by U+FFFD and keeps whole pairs', () => {
    const r = cleaned(cleanJson({ a: 'ok \ud83d', b: '\ude00 x', c: '😀', d: '\ud800\ud800\udc00' }));
    expect(r.value).toEqual({ a: 'ok \uFFFD', b: '\uFFFD x', c: '😀', d: '\uFFFD\ud800\udc00' });
    expect(r.changes.map((c) => [c.path, c.replacedSurrogates])).toEqual([['a', 1], ['b', 1], ['d', 1]]);
    expect(Buffer.from(JSON.stringify(r.value)).toString()).not.toMatch(/\\ud8/);
  });

  it('refuses keys that are not plain names: control characters, lone surrogates, prototype keys, too long', () => {
    expect(refused(cleanJson({ answers: { 'q\u00001': 1 } }))).toMatchObject({ reason: 'bad_key', path: 'answers."q\\u00001"' });
    expect(refused(cleanJson({ answers: { ['q\ud800']: 1 } }))).toMatchObject({ reason: 'bad_key' });
    for (const k of ['__proto__', 'constructor', 'prototype']) {
      const value = JSON.parse(`{"answers":{"${k}":{"polluted":true}}}`);
      expect(refused(cleanJson(value)), k).toMatchObject({ reason: 'forbidden_key', path: `answers.${k}` });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(refused(cleanJson({ ['k'.repeat(101)]: 1 }))).toMatchObject({ reason: 'key_too_long' });
    expect(cleaned(cleanJson({ ['k'.repeat(100)]: 1 })).changes).toEqual([]);
  });

  it('refuses nesting beyond the limit, including 20,000 deep, without using the stack', () => {
    expect(cleaned(cleanJson(nested(FORM_LIMITS.maxDepth))).ok).toBe(true);
    const r = refused(cleanJson(nested(FORM_LIMITS.maxDepth + 1)));
    expect(r.reason).toBe('too_deep');
    expect(r.message.vi).toMatch(/lồng nhau quá 12 cấp/);
    expect(refused(cleanJson(JSON.parse(`{"answers":{"q":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`))).reason).toBe('too_deep');
  });

  it('refuses strings and lists over the limits and numbers that are not finite', () => {
    const long = refused(cleanJson({ note: 'x'.repeat(10_001) }));
    expect(long).toMatchObject({ reason: 'string_too_long', path: 'note' });
    expect(long.message.vi).toBe('Trường note: văn bản dài 10.001 ký tự (tối đa 10.000).');
    expect(long.message.en).toBe('Field note: a text of 10,001 characters (at most 10,000).');
    expect(cleaned(cleanJson({ note: 'x'.repeat(10_000) })).ok).toBe(true);
    expect(refused(cleanJson({ list: new Array(2_001).fill(1) })).reason).toBe('too_many_items');
    expect(refused(cleanJson(JSON.parse('{"q":1e309}')))).toMatchObject({ reason: 'not_finite', path: 'q' });
    expect(refused(cleanJson({ q: [Number.NaN] }))).toMatchObject({ reason: 'not_finite', path: 'q[0]' });
  });

  it('returns a copy: the input is never modified', () => {
    const input = { a: 'x\u0000', b: { c: ['\ud800'] } };
    const snapshot = JSON.stringify(input);
    cleanJson(input);
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});
