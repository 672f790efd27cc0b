import { z } from 'zod';
import type { FormEnvelope } from './envelope';

/**
 * The envelope of a well-formed form read without zod (issue 10: zod's reading cost about as much as cleaning the
 * form's JSON). FormEnvelope's schema stays the source of truth: this accepts only what the schema accepts and
 * returns what it returns (envelope-fast-path.test.ts compares both on valid and broken forms); anything it is
 * not sure of — every broken form — gets `null`, and the schema reads the form and words the problems.
 * The input is cleaned JSON (untrusted-json): no undefined, no non-finite numbers, no prototype keys.
 */
const UUID = z.regexes.uuid();

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNumberIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && v >= min && v <= max;

const MAX_ANSWER_KEY = 100;
const PARADATA_TEXTS: [string, number][] = [['startedAt', 40], ['finishedAt', 40], ['appVersion', 50], ['deviceId', 100]];

/** paradata as the schema returns it (its own keys checked, any other key passed through), or null. */
function paradataOf(p: unknown): FormEnvelope['paradata'] | null {
  if (!isObject(p)) return null;
  for (const [key, max] of PARADATA_TEXTS) if (key in p && !isText(p[key], max)) return null;
  if ('gpsConsent' in p && typeof p.gpsConsent !== 'boolean') return null;
  const out: Obj = { ...p };
  if ('gps' in p && p.gps !== null) {
    const g = p.gps;
    if (!isObject(g) || !isNumberIn(g.lat, -90, 90) || !isNumberIn(g.lon, -180, 180)) return null;
    if ('accuracy' in g && !isNumberIn(g.accuracy, 0, Infinity)) return null;
    out.gps = 'accuracy' in g ? { lat: g.lat, lon: g.lon, accuracy: g.accuracy } : { lat: g.lat, lon: g.lon }; // other keys stripped
  }
  return out as FormEnvelope['paradata'];
}

export function readEnvelopeFast(v: unknown): FormEnvelope | null {
  if (!isObject(v)) return null;
  const { clientUuid, campaignId, unitId, questionnaireId, questionnaireVersion, mode, paperSerial, answers, enumeratorId } = v;
  if (!isUuid(clientUuid) || !isUuid(campaignId) || !isUuid(unitId)) return null;
  if (!isText(questionnaireId, 100) || questionnaireId.length < 1) return null;
  if (!isNumberIn(questionnaireVersion, 0, 10_000) || !Number.isInteger(questionnaireVersion)) return null;
  if (mode !== 'interview' && mode !== 'paper') return null;
  let serial: string | null = null;
  if (paperSerial !== undefined && paperSerial !== null) {
    if (typeof paperSerial !== 'string') return null;
    const trimmed = paperSerial.trim();
    if (trimmed.length > 100) return null;
    serial = trimmed || null;
  }
  if (!isObject(answers)) return null;
  for (const key in answers) if (key.length > MAX_ANSWER_KEY) return null;
  const paradata = paradataOf(v.paradata);
  if (!paradata) return null;
  if ('enumeratorId' in v && !isUuid(enumeratorId)) return null;
  const env: FormEnvelope = { clientUuid, campaignId, unitId, questionnaireId, questionnaireVersion, mode, paperSerial: serial, answers, paradata };
  if ('enumeratorId' in v) env.enumeratorId = enumeratorId as string;
  return env;
}
