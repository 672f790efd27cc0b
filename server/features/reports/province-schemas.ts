// The province-wide report (issue 12 point 11): every unit of a campaign, per ranking group — the ranking table
// with fields and parts, bands, top and bottom units, and per field who lost most points where.
import { z } from 'zod';
import { Bilingual } from '../../http/schemas';
import { BandSetOut } from '../criteria/schemas';

const Points = z.object({ score: z.number(), max: z.number() });
const UnitRef = z.object({ unitId: z.string(), name: z.string() });

export const ProvinceUnitOut = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  group: z.string(),
  /** the ranking page's figures: score, max, index (2 decimals), rank in the group, band, change */
  rank: z.number(),
  score: z.number(),
  max: z.number(),
  index: z.number(),
  band: z.object({ code: z.string(), label: Bilingual }).nullable(),
  change: z.object({ score: z.number(), percent: z.number(), rank: z.number().nullable() }).nullable(),
  /** what the change is measured against when not the unit's own previous result (a merger, split, rename; a new unit) */
  changeNote: Bilingual.nullable(),
  /** content points and sociological points (leadership survey + SIPAS) of the engine's parts */
  parts: z.object({ content: Points, sociological: Points, leadership_survey: Points, sipas: Points }),
  /** the appraised points of each of the group's fields, in the group's field order; null when the unit's set lacks the field */
  fields: z.array(z.object({ code: z.string(), score: z.number(), max: z.number(), percent: z.number().nullable() }).nullable()),
});

export const FieldLossOut = z.object({
  code: z.string(),
  name: z.string(),
  /** mean of the units' % on the field */
  average: z.number().nullable(),
  /** points lost on the field by all the group's units together */
  lost: z.number(),
  /** the units that lost most on the field, most first (at most 3, only units that lost points) */
  units: z.array(UnitRef.extend({ lost: z.number(), percent: z.number().nullable() })),
  /** the field's criteria where the group lost most, most first (at most 3): how many units lost there, and who lost most */
  criteria: z.array(z.object({ code: z.string(), name: z.string(), lost: z.number(), unitsLosing: z.number(), worst: UnitRef.extend({ lost: z.number() }) })),
});

const BandCount = z.object({ code: z.string(), label: Bilingual, count: z.number() });

export const ProvinceGroupOut = z.object({
  group: z.string(),
  label: Bilingual,
  count: z.number(),
  /** mean index of the group (the ranking page's average) */
  average: z.number(),
  top: z.array(UnitRef.extend({ index: z.number(), rank: z.number() })),
  bottom: z.array(UnitRef.extend({ index: z.number(), rank: z.number() })),
  /** which sociological parts the group's criteria have (columns of the table) */
  hasParts: z.object({ leadership_survey: z.boolean(), sipas: z.boolean() }),
  fields: z.array(z.object({ code: z.string(), name: z.string(), max: z.number() })),
  units: z.array(ProvinceUnitOut),
  bands: z.array(BandCount),
  /** against the previous campaign: units that moved up, down, kept their rank (null without a previous campaign) */
  movement: z.object({ up: z.number(), down: z.number(), same: z.number() }).nullable(),
  losses: z.array(FieldLossOut),
  summary: Bilingual,
});

export const ProvinceReportOut = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number(), previous: z.object({ id: z.string(), name: z.string(), year: z.number() }).nullable() }),
  bandSet: BandSetOut,
  totals: z.object({ units: z.number(), bands: z.array(BandCount) }),
  groups: z.array(ProvinceGroupOut),
  /** self-assessment campaigns rank council-approved units only; these are not approved yet */
  notApproved: z.object({ count: z.number(), units: z.array(z.string()) }),
  summary: Bilingual,
});

export type ProvinceReport = z.infer<typeof ProvinceReportOut>;
export type ProvinceGroup = z.infer<typeof ProvinceGroupOut>;
export type ProvinceUnit = z.infer<typeof ProvinceUnitOut>;
