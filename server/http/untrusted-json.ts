/**
 * Untrusted JSON (a phone's form, an uploaded file's cells) made safe before SQL sees it (issue 9). PostgreSQL
 * cannot store U+0000 in text or jsonb, refuses lone UTF-16 surrogates, gives up on very deep jsonb, and
 * JSON.stringify turns 1e309 (Infinity) into null without a word. So a value is either:
 *   - refused, with the field (path) and the reason in Vietnamese and English: a key that is not a plain name
 *     (control character, broken surrogate, too long, `__proto__` / `constructor` / `prototype`), nesting deeper
 *     than the limit, a string or a list longer than the limit, a number that is not finite; or
 *   - returned with each change listed (never changed silently) — the input itself when nothing needed a change,
 *     else a copy of what changed (the input is never modified): control characters other than
 *     tab, line feed and carriage return are removed from strings, and a lone surrogate (text cut in the middle of
 *     an emoji) becomes U+FFFD "�".
 * The walk stops at the depth limit, so 20,000-deep input costs no stack.
 */
import { AppError } from '../errors';

export interface JsonLimits {
  /** the root is depth 0; a value inside it depth 1, … */
  maxDepth: number;
  maxStringLength: number;
  maxKeyLength: number;
  /** entries of one object or items of one list */
  maxItems: number;
}

export const FORM_LIMITS: JsonLimits = { maxDepth: 12, maxStringLength: 10_000, maxKeyLength: 100, maxItems: 2_000 };

export type Bilingual = { vi: string; en: string };

export interface JsonRefusal {
  path: string;
  reason: 'too_deep' | 'string_too_long' | 'too_many_items' | 'bad_key' | 'key_too_long' | 'forbidden_key' | 'not_finite';
  message: Bilingual;
}

export interface JsonChange {
  path: string;
  removedControls: number;
  replacedSurrogates: number;
}

export type CleanJson = { ok: true; value: unknown; changes: JsonChange[] } | { ok: false; refusal: JsonRefusal };

/** Keys that change an object's prototype or constructor when code copies them by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls but tab (09), line feed (0A) and carriage return (0D)
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const num = (n: number, vi: boolean) => n.toLocaleString(vi ? 'vi-VN' : 'en-US');

/** A path element as a reader sees it: `answers.q1`, `answers.list[3]`, odd keys quoted with escapes. */
function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const shown = /^[\p{L}\p{N}_$-]+$/u.test(key) ? key : JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  return path ? `${path}.${shown}` : shown;
}

const where = (path: string) => path || '(gốc)';
const whereEn = (path: string) => path || '(root)';

function refusal(path: string, reason: JsonRefusal['reason'], vi: string, en: string): CleanJson {
  return { ok: false, refusal: { path, reason, message: { vi: `Trường ${where(path)}: ${vi}`, en: `Field ${whereEn(path)}: ${en}` } } };
}

// one-shot tests (not global: test() keeps no lastIndex); SUSPECT: nothing in a string without it needs a look
const CONTROL_ONE = new RegExp(CONTROL.source);
const LONE_SURROGATE_ONE = new RegExp(LONE_SURROGATE.source);
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/;

/** What is wrong with a key, or null if it is a plain name. */
function keyProblem(key: string, limits: JsonLimits): { reason: JsonRefusal['reason']; vi: string; en: string } | null {
  if (FORBIDDEN_KEYS.has(key)) return { reason: 'forbidden_key', vi: `tên khoá "${key}" không được phép.`, en: `the key name "${key}" is not allowed.` };
  if (key.length > limits.maxKeyLength) {
    return { reason: 'key_too_long', vi: `tên khoá dài ${num(key.length, true)} ký tự (tối đa ${limits.maxKeyLength}).`, en: `a key of ${num(key.length, false)} characters (at most ${limits.maxKeyLength}).` };
  }
  if (SUSPECT.test(key) && (CONTROL_ONE.test(key) || LONE_SURROGATE_ONE.test(key))) {
    return { reason: 'bad_key', vi: 'tên khoá chứa ký tự điều khiển hoặc ký tự hỏng.', en: 'the key contains a control character or a broken character.' };
  }
  return null;
}

/** Thrown inside the walk with the refusal (the first problem found), caught by cleanJson. */
class Refused {
  constructor(readonly result: CleanJson) {}
}

const refuse = (path: string, reason: JsonRefusal['reason'], vi: string, en: string): never => {
  throw new Refused(refusal(path, reason, vi, en));
};

// The walk returns the cleaned copy and builds a value's path (`answers.q5`) only when it is needed: for a
// refusal, a change, or the children of an object or list (issue 10: cleaning costs about as much as JSON.parse).
// A value is named by its parent's path and its key (null: the root), so that no closure is made per value.
const pathAt = (parent: string, key: string | number | null) => (key === null ? parent : childPath(parent, key));

function cleanString(s: string, parent: string, key: string | number | null, limits: JsonLimits, changes: JsonChange[]): string {
  if (s.length > limits.maxStringLength) {
    refuse(pathAt(parent, key), 'string_too_long',
      `văn bản dài ${num(s.length, true)} ký tự (tối đa ${num(limits.maxStringLength, true)}).`,
      `a text of ${num(s.length, false)} characters (at most ${num(limits.maxStringLength, false)}).`);
  }
  if (!SUSPECT.test(s)) return s;
  let removedControls = 0;
  let replacedSurrogates = 0;
  const out = s
    .replace(CONTROL, () => { removedControls++; return ''; })
    .replace(LONE_SURROGATE, () => { replacedSurrogates++; return '\uFFFD'; });
  if (removedControls || replacedSurrogates) changes.push({ path: pathAt(parent, key), removedControls, replacedSurrogates });
  return out;
}

function walk(value: unknown, parent: string, key: string | number | null, depth: number, limits: JsonLimits, changes: JsonChange[]): unknown {
  if (typeof value === 'string') return cleanString(value, parent, key, limits, changes);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : refuse(pathAt(parent, key), 'not_finite', 'số quá lớn hoặc không phải số hữu hạn.', 'a number that is too large or not finite.');
  }
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return refuse(pathAt(parent, key), 'not_finite', 'giá trị không phải JSON.', 'not a JSON value.');
  const path = pathAt(parent, key);
  if (depth >= limits.maxDepth) refuse(path, 'too_deep', `lồng nhau quá ${limits.maxDepth} cấp.`, `nested more than ${limits.maxDepth} levels deep.`);
  const tooMany = (n: number) => n > limits.maxItems && refuse(path, 'too_many_items',
    `có ${num(n, true)} phần tử (tối đa ${num(limits.maxItems, true)}).`, `${num(n, false)} entries (at most ${num(limits.maxItems, false)}).`);
  // copy on write: a list or object is copied only when something inside it changed (the input is never modified)
  if (Array.isArray(value)) {
    tooMany(value.length);
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const cleaned = walk(v, path, i, depth + 1, limits, changes);
      if (cleaned !== v && !out) out = value.slice(0, i);
      if (out) out.push(cleaned);
    }
    return out ?? value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  tooMany(keys.length);
  let out: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const problem = keyProblem(k, limits);
    if (problem) refuse(childPath(path, k), problem.reason, problem.vi, problem.en);
    const v = obj[k];
    const cleaned = walk(v, path, k, depth + 1, limits, changes);
    if (cleaned !== v && !out) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = obj[keys[j]!];
    }
    if (out) out[k] = cleaned;
  }
  return out ?? obj;
}

/** Checks and normalises a JSON value (see the file's comment); `path` names the root in messages. */
export function cleanJson(value: unknown, limits: JsonLimits = FORM_LIMITS, path = ''): CleanJson {
  const changes: JsonChange[] = [];
  try {
    return { ok: true, value: walk(value, path, null, 0, limits, changes), changes };
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }
}

/** The changes made, for a reader: "answers.q5 (2 ký tự điều khiển bị xoá), …" in both languages. */
export function describeChanges(changes: JsonChange[]): Bilingual {
  const shown = changes.slice(0, 5);
  const more = changes.length - shown.length;
  const part = (c: JsonChange, vi: boolean) => {
    const what: string[] = [];
    if (c.removedControls) what.push(vi ? `xoá ${c.removedControls} ký tự điều khiển` : `${c.removedControls} control character(s) removed`);
    if (c.replacedSurrogates) what.push(vi ? `thay ${c.replacedSurrogates} ký tự hỏng bằng "\uFFFD"` : `${c.replacedSurrogates} broken character(s) replaced by "\uFFFD"`);
    return `${vi ? where(c.path) : whereEn(c.path)} (${what.join(vi ? ', ' : ', ')})`;
  };
  return {
    vi: `${shown.map((c) => part(c, true)).join('; ')}${more > 0 ? ` và ${more} trường khác` : ''}`,
    en: `${shown.map((c) => part(c, false)).join('; ')}${more > 0 ? ` and ${more} more field(s)` : ''}`,
  };
}

/**
 * A request body parsed as plain JSON, for routes that judge each part of the body on its own (the phone's batch
 * of forms): V8's parser takes any depth without recursion, and `__proto__` becomes an ordinary own key, which
 * cleanJson then refuses in the one form that carries it — Fastify's default parser would refuse the whole body.
 * Only a body that is not JSON at all is refused (400).
 */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = (err as Error).message.slice(0, 200);
    throw new AppError(400, 'validation', { vi: `Nội dung yêu cầu không phải JSON hợp lệ: ${why}`, en: `The request body is not valid JSON: ${why}` });
  }
}
