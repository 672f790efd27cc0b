import { z } from 'zod';
import type { FormEnvelope } from '../../../shared/api/types';

// The file an enumerator's app exports when no network works (server/features/fieldwork/API.md), checked in the
// browser before anything is sent. The envelope rules follow the server's: what it needs to store a form at all.

const uuid = z.string().uuid();

const envelopeSchema = z.object({
  clientUuid: uuid,
  campaignId: uuid,
  unitId: uuid,
  questionnaireId: z.string().min(1).max(100),
  questionnaireVersion: z.number().int().min(0),
  mode: z.enum(['interview', 'paper']),
  paperSerial: z.string().max(100).nullable().optional(),
  answers: z.record(z.string(), z.unknown()),
  paradata: z
    .object({
      startedAt: z.string().optional(),
      finishedAt: z.string().optional(),
      appVersion: z.string().optional(),
      deviceId: z.string().optional(),
      gps: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), accuracy: z.number().min(0).optional() }).nullable().optional(),
      gpsConsent: z.boolean().optional(),
    })
    .passthrough(),
  enumeratorId: uuid.optional(),
});

const fileSchema = z.object({
  format: z.literal('parindex-outbox'),
  version: z.literal(1),
  exportedAt: z.string(),
  enumeratorId: uuid,
  deviceId: z.string(),
  forms: z.array(z.unknown()),
});

export interface OutboxForm {
  /** position in the file, from 0 */
  fileIndex: number;
  envelope: FormEnvelope;
}
export interface OutboxProblem {
  fileIndex: number;
  /** fields that are missing or wrong, e.g. "clientUuid", "paradata.gps.lat" */
  fields: string[];
}
export type OutboxReading =
  | { ok: false; reason: 'not_json' | 'not_outbox' | 'bad_version' | 'empty'; fields?: string[] }
  | {
      ok: true;
      exportedAt: string;
      enumeratorId: string;
      deviceId: string;
      /** forms that can be sent; each carries the enumeratorId (the file's, when the form has none) */
      forms: OutboxForm[];
      /** forms left out: their shape is wrong */
      problems: OutboxProblem[];
      /** forms of other campaigns (sent all the same: the server stores each in its own campaign) */
      otherCampaign: number;
      /** forms whose clientUuid appeared earlier in the file (left out) */
      repeated: number;
    };

const pathOf = (issue: { path: readonly PropertyKey[] }) => issue.path.map(String).join('.') || '(form)';

/** Reads the text of an exported outbox file. `campaignId`: the campaign on screen, to count forms of others. */
export function readOutbox(text: string, campaignId: string): OutboxReading {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  const top = fileSchema.safeParse(json);
  if (!top.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (format !== 'parindex-outbox') return { ok: false, reason: 'not_outbox' };
    if ((json as { version?: unknown }).version !== 1) return { ok: false, reason: 'bad_version' };
    return { ok: false, reason: 'not_outbox', fields: [...new Set(top.error.issues.map(pathOf))] };
  }
  const file = top.data;
  if (file.forms.length === 0) return { ok: false, reason: 'empty' };

  const forms: OutboxForm[] = [];
  const problems: OutboxProblem[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  file.forms.forEach((raw, fileIndex) => {
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ fileIndex, fields: [...new Set(parsed.error.issues.map(pathOf))] });
      return;
    }
    const form = parsed.data;
    if (seen.has(form.clientUuid)) {
      repeated += 1;
      return;
    }
    seen.add(form.clientUuid);
    // send the form as it is in the file (unknown paradata kept), with its enumerator
    const envelope = { ...(raw as FormEnvelope), paperSerial: form.paperSerial ?? null, enumeratorId: form.enumeratorId ?? file.enumeratorId };
    forms.push({ fileIndex, envelope });
  });
  return {
    ok: true,
    exportedAt: file.exportedAt,
    enumeratorId: file.enumeratorId,
    deviceId: file.deviceId,
    forms,
    problems,
    otherCampaign: forms.filter((f) => f.envelope.campaignId !== campaignId).length,
    repeated,
  };
}

/** Splits the forms into batches of `size` (the endpoint takes 1–500; the app sends 50 at a time). */
export function batches<T>(items: readonly T[], size = 50): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
