import { z } from 'zod';

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
  answers: z.record(z.string().max(100), z.unknown()),
  paradata: z
    .object({
      startedAt: z.string().max(40).optional(),
      finishedAt: z.string().max(40).optional(),
      appVersion: z.string().max(50).optional(),
      deviceId: z.string().max(100).optional(),
      gps: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), accuracy: z.number().min(0).optional() }).nullable().optional(),
      gpsConsent: z.boolean().optional(),
    })
    .passthrough(),
  enumeratorId: z.string().uuid().optional(),
});
export type FormEnvelope = z.infer<typeof FormEnvelope>;

/** What the reader sees when an envelope cannot be read: each problem with its field path. */
export function describeEnvelopeProblems(error: z.ZodError): { vi: string; en: string } {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(phiếu)'}: ${i.message}`);
  return {
    vi: `Không đọc được phiếu — ${parts.join('; ')}.`,
    en: `The form cannot be read — ${parts.join('; ')}.`,
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
