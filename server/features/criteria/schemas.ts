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

export const EvidenceOut = z.object({ required: z.boolean(), expected: z.array(z.string()), guidance: z.string().nullable() });

/** A criterion with its evidence requirements (sets of issue 11; seeds' national sets have none). */
export const CriterionWithEvidenceOut = CriterionOut.extend({ evidence: EvidenceOut.nullable().optional() });

export const UnitKindEnum = z.enum(['province', 'department', 'district', 'commune']);

export const CampaignRefOut = z.object({ id: z.string(), name: z.string(), year: z.number() });

export const CriteriaSetSummaryOut = z.object({
  code: z.string(),
  year: z.number(),
  name: z.string(),
  family: z.string(),
  version: z.number(),
  unitKind: UnitKindEnum.nullable(),
  description: z.string().nullable(),
  maxPoints: z.number(),
  leafCount: z.number(),
  /** campaigns using the set: it is then immutable */
  usedBy: z.array(CampaignRefOut),
});

/** The set an import makes: its family, version and code; `replaces` when an unused set is replaced in place. */
export const ImportMetaBody = z.object({
  text: z.string().min(1).max(10_000_000).optional(),
  xlsxBase64: z.string().min(1).max(14_000_000).regex(/^[A-Za-z0-9+/=\s]+$/).optional(),
  fileName: z.string().max(300).optional(),
  family: z.string().min(2).max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(300),
  year: z.number().int().min(2000).max(2100),
  unitKind: UnitKindEnum.nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  replace: z.string().min(1).max(100).nullable().optional(),
}).refine((b) => (b.text === undefined) !== (b.xlsxBase64 === undefined), { message: 'exactly one of text (CSV) or xlsxBase64 (XLSX)' });
