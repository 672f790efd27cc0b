import { z } from 'zod';
import { Bilingual } from '../../http/schemas';
import type { ScoreNode } from '../../../analytics/src/types';
import { SourceEnum } from '../criteria/schemas';


export const FindingOut = z.object({
  kind: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  row: z.number().nullable(),
  column: z.string().optional(),
  message: Bilingual,
  expected: z.number().optional(),
  actual: z.number().optional(),
  /** true when the commit refuses the table until this is corrected (commit-check.ts) */
  blocking: z.boolean(),
});


/** The fields every row of a score table has: the score tree's nodes, the report's rows. */
export const ScoreRowFields = {
  code: z.string(),
  name: z.string(),
  level: z.number(),
  source: SourceEnum.nullable(),
  max: z.number(),
  self: z.number().nullable(),
  appraised: z.number().nullable(),
  percent: z.number().nullable(),
};

/** A node of the score tree; recursive, so OpenAPI names it (components/schemas/ScoreNode) and refers to it. */
export const ScoreNodeOut: z.ZodType<ScoreNode> = z.lazy(() =>
  z.object({
    ...ScoreRowFields,
    override: z.boolean(),
    computed: z.number().nullable(),
    notApplicable: z.boolean(),
    note: z.string().nullable(),
    evidence: z.object({ numerator: z.number().nullable(), denominator: z.number().nullable() }).nullable(),
    children: z.array(ScoreNodeOut),
  }),
).meta({ id: 'ScoreNode' });

const Part = z.object({ score: z.number(), max: z.number() });
export const ScoreTreeOut = z.object({
  root: ScoreNodeOut,
  total: z.number(),
  max: z.number(),
  percent: z.number(),
  parts: z.object({ content: Part, leadership_survey: Part, sipas: Part }),
});
export const BandRef = z.object({ code: z.string(), label: Bilingual }).nullable();

export const ScoreParams = z.object({ campaignId: z.string().uuid(), unitId: z.string().uuid() });
export const ScoreCodeParams = ScoreParams.extend({ code: z.string().min(1).max(20).regex(/^[0-9.]+$/) });

/** A pasted or read TSV/CSV text, or an XLSX file in base64 — exactly one of them. */
export const ImportBody = z
  .object({
    text: z.string().min(1).max(10_000_000).optional(),
    xlsxBase64: z.string().min(1).max(14_000_000).regex(/^[A-Za-z0-9+/=\s]+$/).optional(),
    fileName: z.string().max(300).optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.xlsxBase64 === undefined), {
    message: 'give exactly one of text (TSV/CSV) or xlsxBase64 (XLSX file)',
  });
