import { z } from 'zod';

/** The error body every route answers with on 4xx/5xx. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    message_vi: z.string().optional(),
    details: z.unknown().optional(),
    /** true on 503 database_unavailable: send the same request again after Retry-After seconds */
    retryable: z.boolean().optional(),
  }),
}).meta({ id: 'ErrorBody' }); // one named schema in OpenAPI (components/schemas) instead of a copy per response

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
} as const;

/** A text in Vietnamese and English (messages, labels). */
export const Bilingual = z.object({ vi: z.string(), en: z.string() }).meta({ id: 'Bilingual' });

/** A problem found in an imported file (criteria set, unit tree): its kind, where (row, the column as written, its header), the code it concerns, and the message. */
export const ImportProblemOut = z.object({
  kind: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  code: z.string().nullable(),
  message: Bilingual,
});

export const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid });
