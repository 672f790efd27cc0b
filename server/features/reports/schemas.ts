import { z } from 'zod';
import { Bilingual } from '../../http/schemas';
import { SourceEnum } from '../criteria/schemas';
import { BandRef, ScoreRowFields } from '../content-scores/schemas';
import { BaselineSchema } from '../units/baseline.schema';


/** Place among the campaign's scored units of the same group (only when there are at least two). */
export const RankOut = z.object({ rank: z.number(), of: z.number(), groupAverage: z.number() });

/** The same node in the previous campaign, and the change: score (4 decimals), % points (2), places (+ = up). */
export const PreviousOut = z.object({
  year: z.number(),
  max: z.number(),
  appraised: z.number().nullable(),
  percent: z.number().nullable(),
  rank: RankOut.nullable(),
});
export const ChangeOut = z.object({ score: z.number(), percent: z.number().nullable(), rank: z.number().nullable() });

export const ReportRowOut = z.object({
  /** level: 0 field, 1 criterion */
  ...ScoreRowFields,
  /** max − appraised */
  lostPoints: z.number(),
  /** scored leaves under it (or itself) that lost points */
  lostCount: z.number(),
  note: z.string().nullable(),
  agencies: z.array(z.string()),
  rank: RankOut.nullable(),
  previous: PreviousOut.nullable(),
  change: ChangeOut.nullable(),
});

export const LostItemOut = z.object({
  code: z.string(),
  name: z.string(),
  /** the field (lĩnh vực) it belongs to */
  field: z.string(),
  level: z.number(),
  source: SourceEnum.nullable(),
  max: z.number(),
  self: z.number().nullable(),
  appraised: z.number(),
  lost: z.number(),
  /** why: the note of the leaf, else of its nearest annotated parent */
  note: z.string().nullable(),
  agencies: z.array(z.string()),
});

const Part = z.object({ score: z.number(), max: z.number(), percent: z.number().nullable() });

export const ReportOut = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number(), previous: z.object({ id: z.string(), name: z.string(), year: z.number() }).nullable() }),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), group: z.string() }),
  /** scored units of the unit's group in the campaign (itself included) */
  peers: z.number(),
  total: z.object({
    max: z.number(),
    self: z.number().nullable(),
    appraised: z.number(),
    percent: z.number(),
    rank: RankOut.nullable(),
    previous: PreviousOut.nullable(),
    change: ChangeOut.nullable(),
  }),
  band: BandRef,
  parts: z.object({ content: Part, leadership_survey: Part, sipas: Part }),
  rows: z.array(ReportRowOut),
  lost: z.array(LostItemOut),
  /** the agencies' mapping the report uses: the campaign's own (custom), else the default for the unit's criteria set and kind (source); editable = the campaign's own mapping applies to this unit */
  agencyMap: z.object({ custom: z.boolean(), source: z.string().nullable(), editable: z.boolean() }),
  /** self-assessment campaigns (issue 11): ranks count council-approved units only; null for other campaigns */
  approval: z.object({ approved: z.boolean(), notApprovedCount: z.number(), notApprovedUnits: z.array(z.string()), note: Bilingual }).nullable().optional(),
  /** what "so với năm trước" compares with: the unit's own previous result, or its lineage (issue 14); null without a previous campaign */
  baseline: BaselineSchema.nullable().optional(),
  summary: z.object({
    overall: Bilingual,
    parts: Bilingual,
    fields: z.array(z.object({ code: z.string(), text: Bilingual, lost: Bilingual.nullable() })),
  }),
});

export type Report = z.infer<typeof ReportOut>;
export type ReportRow = z.infer<typeof ReportRowOut>;
export type LostItem = z.infer<typeof LostItemOut>;
export type Rank = z.infer<typeof RankOut>;

export const AgencyMapBody = z.object({
  agencies: z.record(
    z.string().min(1).max(20).regex(/^[0-9]+(\.[0-9]+)*$/, 'codes look like 1, 1.3 or 1.3.2'),
    z.array(z.string().max(200)).max(10),
  ),
});

export const AgencyMapOut = z.object({
  /** true when the campaign has its own mapping; false = the default of its criteria set */
  custom: z.boolean(),
  /** the seeds/agencies/ mapping used when not custom (null: none fits the criteria set and the unit's kind) */
  source: z.string().nullable(),
  /** true when the campaign's own mapping is the one that applies here (units scored with the campaign's criteria set): PUT changes it */
  editable: z.boolean(),
  /** the criteria set the mapping is for */
  criteriaSet: z.string(),
  updatedAt: z.string().nullable(),
  agencies: z.record(z.string(), z.array(z.string())),
  /** the fields and criteria of the campaign's criteria set with the agencies each resolves to */
  criteria: z.array(z.object({ code: z.string(), name: z.string(), level: z.number(), agencies: z.array(z.string()), inherited: z.boolean() })),
});
