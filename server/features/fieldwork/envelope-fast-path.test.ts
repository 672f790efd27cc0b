import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import { cleanJson } from '../../http/untrusted-json';
import { FormEnvelope } from './envelope';
import { readEnvelopeFast } from './envelope-fast-path';
import { plantTruth, syntheticForms } from './synthetic';

const q = getQuestionnaire('sipas-2017', 1)!;
const units = [
  { unitId: '6f1c1a52-8f7e-4c1e-9a0e-1d2b3c4d5e6f', name: 'A', latitude: 22.82, longitude: 104.98 },
  { unitId: '7a2d2b63-9a8f-4d2f-8b1f-2e3c4d5e6f70', name: 'B', latitude: 22.5, longitude: 104.86 },
];
const forms = syntheticForms({
  campaignId: '0b7c5f0e-2d7e-4f3a-8c55-3a1e2f4b5c6d', questionnaireId: 'sipas-2017', questionnaireVersion: 1, units,
  enumerators: [{ userId: '1c9e6f10-3b2a-4c5d-9e8f-7a6b5c4d3e2f', unitIds: units.map((u) => u.unitId) }],
  truth: plantTruth(units, q, 1), onBehalf: true,
}, 40, 7).map((f) => {
  const clean = cleanJson(JSON.parse(JSON.stringify(f))); // what readEnvelope hands on
  if (!clean.ok) throw new Error(clean.refusal.message.en);
  return clean.value as Record<string, unknown>;
});

/** The fast path either declines (null) or returns exactly what the schema returns; it must never accept what the schema refuses. */
function agrees(input: unknown): boolean | null {
  const fast = readEnvelopeFast(input);
  const schema = FormEnvelope.safeParse(input);
  if (fast === null) return null;
  expect(schema.success, JSON.stringify(input)).toBe(true);
  expect(isDeepStrictEqual(fast, schema.data), JSON.stringify(input)).toBe(true);
  return true;
}

const odd: unknown[] = [
  undefined, null, '', ' ', 'x'.repeat(101), 0, -1, 1.5, 10_000, 10_001, true, [], {}, [1], 'interview', 'paper', 'INTERVIEW',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '6f1c1a52-8f7e-4c1e-9a0e-1d2b3c4d5e6f',
  '6f1c1a52-8f7e-0c1e-9a0e-1d2b3c4d5e6f', '6F1C1A52-8F7E-4C1E-9A0E-1D2B3C4D5E6F', '6f1c1a528f7e4c1e9a0e1d2b3c4d5e6f', ' 6f1c1a52-8f7e-4c1e-9a0e-1d2b3c4d5e6f',
  '  A-12  ', 'A'.repeat(100), ` ${'A'.repeat(100)} `, 'a'.repeat(40), 'a'.repeat(41), 'a'.repeat(50), 'a'.repeat(51),
  { lat: 22, lon: 104 }, { lat: 22, lon: 104, accuracy: 5, extra: 1 }, { lat: 91, lon: 0 }, { lat: 0, lon: -180.5 }, { lat: 0, lon: 0, accuracy: -1 },
  { lat: '22', lon: 104 }, { lat: 22 }, { [`k${'x'.repeat(100)}`]: 1 }, { ['k'.repeat(100)]: 1 }, { q1: 2, q2: [1, 2] },
];

describe('the envelope fast path reads a form exactly as FormEnvelope does, or leaves it to the schema', () => {
  it('reads every well-formed synthetic form itself, with the schema\'s result', () => {
    for (const f of forms) expect(agrees(f)).toBe(true);
  });

  it('never accepts what the schema refuses, nor returns anything else, whatever one field holds', () => {
    const fields = ['clientUuid', 'campaignId', 'unitId', 'questionnaireId', 'questionnaireVersion', 'mode', 'paperSerial', 'answers', 'paradata', 'enumeratorId', 'extra'];
    const paradataFields = ['startedAt', 'finishedAt', 'appVersion', 'deviceId', 'gps', 'gpsConsent', 'other'];
    let accepted = 0;
    let declined = 0;
    for (const [i, base] of forms.slice(0, 4).entries()) {
      const f = base as Record<string, unknown>;
      for (const field of fields) {
        const { [field]: _dropped, ...without } = f;
        if (agrees(without)) accepted++;
        else declined++;
        for (const value of odd) {
          if (agrees({ ...f, [field]: value })) accepted++;
          else declined++;
        }
      }
      for (const field of paradataFields) {
        for (const value of odd) {
          if (agrees({ ...f, mode: i % 2 ? 'paper' : 'interview', paradata: { ...(f.paradata as object), [field]: value } })) accepted++;
          else declined++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(100); // the comparison covered accepted forms of many shapes
    expect(declined).toBeGreaterThan(100);
  });
});
