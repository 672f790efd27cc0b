import { mulberry32 } from '../../analytics/src/index';
import { envelope, variedAnswers, type FieldworkScenario } from './fieldwork';

/**
 * A seeded corpus of hostile and ordinary SIPAS forms for the submission endpoint (issue 9). Each case is the raw
 * JSON text of one form (raw, because 1e309, `__proto__` keys and lone surrogates do not survive JSON.stringify of
 * a JS object the way a phone or an attacker can send them) and what the server must do with it:
 *   - 'stored': stored once (flags allowed, e.g. invalid_answers for wrong types — the contract stores and flags);
 *   - 'normalised': stored once, flagged `text_normalised`, with no control character or lone surrogate left;
 *   - 'refused': a refused receipt with a reason, nothing stored.
 */
export type Expect = 'stored' | 'normalised' | 'refused';
export interface FuzzCase { kind: string; clientUuid: string; json: string; expect: Expect }

export type Rand = () => number;
const CONTROLS = [...Array.from({ length: 9 }, (_, i) => i), 11, 12, ...Array.from({ length: 18 }, (_, i) => i + 14)].map((c) => String.fromCharCode(c));
const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** A v4-shaped UUID from the seeded generator, so that a corpus is the same on every run of a seed. */
export function seededUuid(rand: Rand): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON text of a string with every code unit outside printable ASCII escaped (keeps lone surrogates and NUL as \\uXXXX). */
const jsonString = (s: string) => `"${[...Array(s.length).keys()].map((i) => {
  const c = s.charCodeAt(i);
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return '\\\\';
  return c < 0x20 || c > 0x7e ? `\\u${c.toString(16).padStart(4, '0')}` : s[i];
}).join('')}"`;

/** Vietnamese text with some emoji: what an honest free-text answer looks like. */
const honestText = (rand: Rand) => pick(rand, ['Cán bộ tận tình, chu đáo', 'Thủ tục nhanh 👍', 'Chờ lâu quá 😞', 'Không ý kiến', 'Đường xa, đi lại khó khăn\nnhưng được hướng dẫn kỹ']);
const withControls = (rand: Rand) => {
  const t = honestText(rand);
  const at = int(rand, 0, t.length);
  return `${t.slice(0, at)}${Array.from({ length: int(rand, 1, 3) }, () => pick(rand, CONTROLS)).join('')}${t.slice(at)}`;
};
const withLoneSurrogate = (rand: Rand) => `${honestText(rand).replace(/[\ud800-\udfff]/g, '')}${pick(rand, LONE)}`;
const deepJson = (rand: Rand, depth: number) => {
  const open = pick(rand, ['[', '{"k":']);
  return `${open.repeat(depth)}${int(rand, 0, 9)}${(open === '[' ? ']' : '}').repeat(depth)}`;
};

/** The case's form as JSON text, with answers (appended last, so they win over a same-named one) and top-level fields given as raw JSON. */
function formJson(form: Record<string, unknown>, extraAnswers: [string, string][] = [], extraTop: [string, string][] = []): string {
  const { answers, ...rest } = form;
  const a = JSON.stringify(answers);
  const answersText = extraAnswers.length === 0 ? a : `${a.slice(0, -1)}${a.length > 2 ? ',' : ''}${extraAnswers.map(([k, v]) => `${k}:${v}`).join(',')}}`;
  return `{${extraTop.map(([k, v]) => `${k}:${v},`).join('')}"answers":${answersText},${JSON.stringify(rest).slice(1)}`;
}

type Maker = (rand: Rand, base: Record<string, unknown>, takenUuids: string[]) => { json: string; expect: Expect; clientUuid?: string };

const MAKERS: Record<string, Maker> = {
  good: (_r, base) => ({ json: formJson(base), expect: 'stored' }),
  goodHonestText: (r, base) => ({ json: formJson({ ...base, answers: { ...(base.answers as object), comment: honestText(r) } }), expect: 'stored' }),
  goodExtraField: (r, base) => ({ json: formJson({ ...base, somethingNew: int(r, 0, 9) }), expect: 'stored' }),
  wrongAnswerType: (r, base) => ({ json: formJson(base, [['"f1_q1"', pick(r, ['"five"', '{"a":1}', '[1,2]', 'true', 'null', '-3.5'])]]), expect: 'stored' }),
  nanAsString: (r, base) => ({ json: formJson(base, [['"f1_q2"', pick(r, ['"NaN"', '"Infinity"', '"-Infinity"', '"1e309"'])]]), expect: 'stored' }),
  controlInValue: (r, base) => ({ json: formJson(base, [['"comment"', jsonString(withControls(r))]]), expect: 'normalised' }),
  controlInParadata: (r, base) => ({ json: formJson({ ...base, paradata: { ...(base.paradata as object), appVersion: `0.1${pick(r, CONTROLS)}` } }), expect: 'normalised' }),
  loneSurrogateInValue: (r, base) => ({ json: formJson(base, [['"comment"', jsonString(withLoneSurrogate(r))]]), expect: 'normalised' }),
  controlInKey: (r, base) => ({ json: formJson(base, [[jsonString(`q${pick(r, CONTROLS)}1`), '1']]), expect: 'refused' }),
  loneSurrogateInKey: (r, base) => ({ json: formJson(base, [[jsonString(`q${pick(r, LONE)}`), '1']]), expect: 'refused' }),
  controlInIdentifier: (r, base) => {
    const field = pick(r, ['clientUuid', 'campaignId', 'unitId', 'questionnaireId', 'mode']);
    return { json: formJson({ ...base, [field]: `${String(base[field])}${pick(r, CONTROLS)}` }), expect: 'refused' };
  },
  deepAnswer: (r, base) => ({ json: formJson(base, [['"nested"', deepJson(r, pick(r, [13, 50, 1000, 20_000, int(r, 13, 30_000)]))]]), expect: 'refused' }),
  deepParadata: (r, base) => ({ json: formJson({ ...base, paradata: '@@' }).replace('"paradata":"@@"', `"paradata":{"x":${deepJson(r, int(r, 12, 5000))}}`), expect: 'refused' }),
  hugeString: (r, base) => ({ json: formJson(base, [['"comment"', `"${'ư'.repeat(int(r, 10_001, 300_000))}"`]]), expect: 'refused' }),
  longKey: (r, base) => ({ json: formJson(base, [[`"${'k'.repeat(int(r, 101, 5000))}"`, '1']]), expect: 'refused' }),
  manyItems: (r, base) => ({ json: formJson(base, [['"list"', `[${Array.from({ length: int(r, 2001, 5000) }, () => '1').join(',')}]`]]), expect: 'refused' }),
  hugeNumber: (r, base) => ({ json: formJson(base, [['"f1_q3"', pick(r, ['1e309', '-1e309', '9e999'])]]), expect: 'refused' }),
  protoKeyInAnswers: (r, base) => ({ json: formJson(base, [[`"${pick(r, PROTO_KEYS)}"`, '{"polluted":true}']]), expect: 'refused' }),
  protoKeyInParadata: (r, base) => ({ json: formJson({ ...base, paradata: '@@' }).replace('"paradata":"@@"', `"paradata":{"${pick(r, PROTO_KEYS)}":{"polluted":true}}`), expect: 'refused' }),
  protoKeyOnTop: (r, base) => ({ json: formJson(base, [], [[`"${pick(r, PROTO_KEYS)}"`, '{"polluted":true}']]), expect: 'refused' }),
  wrongEnvelopeType: (r, base) => {
    const [field, value] = pick(r, [['answers', '[1,2]'], ['answers', '"x"'], ['clientUuid', '42'], ['mode', '"telepathy"'], ['questionnaireVersion', '"1"'], ['paradata', 'null'], ['campaignId', 'null'], ['questionnaireVersion', '1.5']] as const);
    return { json: formJson({ ...base, [field]: '@@' }).replace('"@@"', value), expect: 'refused' };
  },
  othersClientUuid: (r, base, taken) => {
    if (taken.length === 0) return { json: formJson(base), expect: 'stored' };
    const clientUuid = pick(r, taken);
    return { json: formJson({ ...base, clientUuid }), expect: 'refused', clientUuid };
  },
  notAForm: (r) => ({ json: pick(r, ['null', '42', '"form"', '[]', 'true', deepJson(r, 20_000)]), expect: 'refused' }),
};

/** The kinds a corpus draws from: every kind, good forms weighted so that most batches mix good and bad. */
export const FUZZ_KINDS = Object.keys(MAKERS);

/**
 * `n` cases from `seed`: the same seed gives the same corpus, byte for byte. `takenUuids` are clientUuids of
 * another enumerator's stored forms (the 'othersClientUuid' cases reuse them and must be refused).
 */
export function fuzzCorpus(s: FieldworkScenario, seed: number, n: number, takenUuids: string[] = []): FuzzCase[] {
  const rand = mulberry32(seed);
  const kinds = [...FUZZ_KINDS, 'good', 'good', 'good', 'goodHonestText'];
  const fixed = new Date('2025-06-01T03:00:00Z').getTime();
  return Array.from({ length: n }, (_, i) => {
    // every kind at least once, then at random
    const kind = i < FUZZ_KINDS.length ? FUZZ_KINDS[i]! : pick(rand, kinds);
    const clientUuid = seededUuid(rand);
    const base = envelope(s, { clientUuid, unitId: rand() < 0.5 ? s.unitA : s.unitB, answers: variedAnswers() }, {
      startedAt: new Date(fixed - 20 * 60_000).toISOString(), finishedAt: new Date(fixed).toISOString(),
    });
    const made = MAKERS[kind]!(rand, base, takenUuids);
    return { kind, clientUuid: made.clientUuid ?? clientUuid, json: made.json, expect: made.expect };
  });
}

/** Splits the corpus into batches of 1–maxSize forms (seeded). */
export function fuzzBatches<T>(cases: T[], seed: number, maxSize: number): T[][] {
  const rand = mulberry32(seed ^ 0x5eed);
  const out: T[][] = [];
  for (let i = 0; i < cases.length;) {
    const size = int(rand, 1, maxSize);
    out.push(cases.slice(i, i + size));
    i += size;
  }
  return out;
}
