import { z } from 'zod';
import type { FormFlag } from '../../db/schema';
import { readEnvelopeFast } from './envelope-fast-path';
import { cleanJson, describeChanges, FORM_LIMITS, type Bilingual, type JsonChange } from '../../http/untrusted-json';

const MAX_ANSWER_KEY = 100;
/** A plain object (not a list) whose keys are at most 100 characters: what z.record(z.string().max(100), …) accepts. */
const isAnswerRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k.length <= MAX_ANSWER_KEY);

/** How a form was collected (times, device, GPS) as the phone sends it and the review page shows it; other keys are kept. */
export const Paradata = z
  .object({
    startedAt: z.string().max(40).optional(),
    finishedAt: z.string().max(40).optional(),
    appVersion: z.string().max(50).optional(),
    deviceId: z.string().max(100).optional(),
    gps: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), accuracy: z.number().min(0).optional() }).nullable().optional(),
    gpsConsent: z.boolean().optional(),
  })
  .passthrough();

/**
 * A submitted form as the phone sends it (server/features/fieldwork/API.md). Only what is needed to store the
 * form at all is strict; answers are checked later against the questionnaire, and a form that breaks a rule is
 * stored and flagged, never thrown away.
 */
export const FormEnvelope = z.object({
  clientUuid: z.string().uuid(),
  campaignId: z.string().uuid(),
  unitId: z.string().uuid(),
  questionnaireId: z.string().min(1).max(100),
  questionnaireVersion: z.number().int().min(0).max(10_000),
  mode: z.enum(['interview', 'paper']),
  paperSerial: z.string().trim().max(100).nullable().optional().transform((v) => (v ? v : null)),
  // checked in one pass (issue 10: a zod record schema costs ~60 µs a form, most of the envelope's reading)
  answers: z
    .custom<Record<string, unknown>>(isAnswerRecord, { message: `expected an object of answers by question id (keys of at most ${MAX_ANSWER_KEY} characters)` })
    .meta({ type: 'object', additionalProperties: true, description: 'answers by question id' }),
  paradata: Paradata,
  enumeratorId: z.string().uuid().optional(),
}).meta({ id: 'FormEnvelope', description: 'a form as the phone sends it: each of a batch is read on its own and answered by its receipt' });
export type FormEnvelope = z.infer<typeof FormEnvelope>;

/** What the reader sees when an envelope cannot be read: each problem with its field path. */
export function describeEnvelopeProblems(error: z.ZodError): { vi: string; en: string } {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(phiếu)'}: ${i.message}`);
  return {
    vi: `Không đọc được phiếu — ${parts.join('; ')}.`,
    en: `The form cannot be read — ${parts.join('; ')}.`,
  };
}

/** Fields whose text may be normalised (and the form flagged); anything else that needs a change is refused. */
const FREE_TEXT = /^(answers|paradata|paperSerial)(\.|\[|$)/;

export type ReadEnvelope =
  | { ok: true; env: FormEnvelope; changes: JsonChange[] }
  | { ok: false; code: 'unreadable' | 'invalid_content'; message: Bilingual };

/**
 * A raw form made safe and read (issue 9): cleanJson refuses what cannot be stored (with the field and the
 * reason) and lists what it normalised; identifiers are never changed — a control character in clientUuid
 * refuses the form. Then the envelope's schema (a well-formed envelope read by its fast path, envelope-fast-path.ts).
 */
export function readEnvelope(raw: unknown): ReadEnvelope {
  const clean = cleanJson(raw, FORM_LIMITS);
  if (!clean.ok) {
    const m = clean.refusal.message;
    return { ok: false, code: 'invalid_content', message: { vi: `Không lưu được phiếu — ${m.vi}`, en: `The form cannot be stored — ${m.en}` } };
  }
  const fixedId = clean.changes.find((c) => !FREE_TEXT.test(c.path));
  if (fixedId) {
    return { ok: false, code: 'invalid_content', message: {
      vi: `Không lưu được phiếu — Trường ${fixedId.path}: có ký tự điều khiển hoặc ký tự hỏng.`,
      en: `The form cannot be stored — Field ${fixedId.path}: contains a control character or a broken character.`,
    } };
  }
  const fast = readEnvelopeFast(clean.value);
  if (fast) return { ok: true, env: fast, changes: clean.changes };
  const parsed = FormEnvelope.safeParse(clean.value);
  if (!parsed.success) return { ok: false, code: 'unreadable', message: describeEnvelopeProblems(parsed.error) };
  return { ok: true, env: parsed.data, changes: clean.changes };
}

/** The flag that says which texts were changed to be stored (never silently). */
export function normalisedTextFlag(changes: JsonChange[]): FormFlag {
  const d = describeChanges(changes);
  return {
    code: 'text_normalised',
    message: { vi: `Văn bản đã được sửa để lưu được: ${d.vi}.`, en: `Text was changed so that it could be stored: ${d.en}.` },
  };
}

/** The clientUuid of an unreadable envelope, when it has one, so the phone can match the receipt. */
export function clientUuidOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'clientUuid' in raw) {
    const v = (raw as { clientUuid: unknown }).clientUuid;
    if (typeof v === 'string' && v.length <= 100) return v;
  }
  return null;
}
