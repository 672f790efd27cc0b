import { z } from 'zod';
import { Bilingual } from '../../http/schemas';


export const ScoringRuleOut = z.union([
  z.object({ kind: z.literal('ratio') }),
  z.object({ kind: z.literal('base_plus_ratio'), base: z.number() }),
  z.object({ kind: z.literal('ratio_to_target'), target: z.number() }),
  z.object({ kind: z.literal('rank_bands'), bands: z.array(z.object({ fromRank: z.number(), toRank: z.number(), points: z.number() })) }),
  z.object({ kind: z.literal('threshold'), threshold: z.number(), below: z.number().optional() }),
  z.object({ kind: z.literal('manual') }),
]);

export const SourceEnum = z.enum(['content', 'leadership_survey', 'sipas']);

export const CriterionOut = z.object({
  code: z.string(),
  parent: z.string().nullable(),
  level: z.number(),
  name: z.string(),
  maxPoints: z.number(),
  source: SourceEnum.nullable(),
  rule: ScoringRuleOut.nullable().optional(),
  round: z.number().nullable().optional(),
});

export const BandOut = z.object({ code: z.string(), label: Bilingual, min: z.number() });
export const BandSetOut = z.object({ code: z.string(), name: Bilingual, bands: z.array(BandOut) });
