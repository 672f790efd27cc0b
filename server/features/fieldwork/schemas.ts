import { z } from 'zod';
import { Bilingual } from '../../http/schemas';
import { Paradata } from './envelope';

export const FlagOut = z.object({ code: z.string(), message: Bilingual });
export const FormStatus = z.enum(['pending', 'flagged', 'accepted', 'rejected', 'returned']);
/**
 * A level of government of the campaign (a `gov_level` option of its questionnaire: province, commune, and district
 * only in three-level campaigns) or `all` for a unit-wide quota. Which levels a campaign has is data (campaign-levels.ts):
 * the services check the value against them, with a message naming the allowed ones.
 */
export const QuotaLevel = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a level code such as province, commune or all').max(40);
/** A campaign's level of government and its label from the questionnaire. */
export const GovLevelOut = z.object({ value: z.string(), label: Bilingual });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const Plan = z.object({
  questionnaireId: z.string().min(1).max(100),
  questionnaireVersion: z.number().int().min(0),
  startsOn: Day.nullable(),
  endsOn: Day.nullable(),
  minDurationSeconds: z.number().int().min(0).max(36_000),
  gpsMaxKm: z.number().positive().max(20_000),
  recheckPercent: z.number().min(0).max(100),
});

export const Quota = z.object({ unitId: z.string().uuid(), level: QuotaLevel, target: z.number().int().min(0).max(1_000_000) });

export const EnumeratorOut = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), unitIds: z.array(z.string()), supervisorIds: z.array(z.string()) });
export const SupervisorOut = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), enumeratorIds: z.array(z.string()), unitIds: z.array(z.string()) });

export const RowError = z.object({ row: z.number(), column: z.string(), message: Bilingual });

export const FormListItem = z.object({
  formId: z.string(),
  clientUuid: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  enumeratorId: z.string(),
  enumeratorName: z.string(),
  mode: z.enum(['interview', 'paper']),
  paperSerial: z.string().nullable(),
  status: FormStatus,
  flags: z.array(FlagOut),
  receivedAt: z.string(),
  durationSeconds: z.number().nullable(),
});

export const FormDetailOut = FormListItem.extend({
  campaignId: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.number(),
  answers: z.record(z.string(), z.unknown()),
  // stored as the envelope's paradata was read (envelope.ts)
  paradata: Paradata,
});

export const RecheckOut = z.object({
  recheckId: z.string(),
  formId: z.string(),
  enumeratorId: z.string(),
  enumeratorName: z.string(),
  unitName: z.string(),
  paperSerial: z.string().nullable(),
  drawnAt: z.string(),
  seed: z.number(),
  outcome: z.enum(['confirmed', 'not_reached', 'discrepancy']).nullable(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
});

const StatusCounts = {
  collected: z.number(), accepted: z.number(), flagged: z.number(), pending: z.number(), rejected: z.number(), returned: z.number(), lastSync: z.string().nullable(),
};
export const DashboardOut = z.object({
  /** the campaign's levels of government, in order, labelled by its questionnaire */
  levels: z.array(GovLevelOut),
  units: z.array(z.object({
    unitId: z.string(), name: z.string(), target: z.number().nullable(), ...StatusCounts,
    levels: z.array(z.object({ level: QuotaLevel, target: z.number(), collected: z.number(), accepted: z.number() })),
  })),
  enumerators: z.array(z.object({ userId: z.string(), name: z.string(), ...StatusCounts })),
});

export const ReceiptOut = z.object({
  index: z.number(),
  clientUuid: z.string().nullable(),
  status: z.enum(['stored', 'refused']),
  duplicate: z.boolean(),
  formId: z.string().optional(),
  receivedAt: z.string().optional(),
  reviewStatus: FormStatus.optional(),
  flags: z.array(FlagOut).optional(),
  error: z.object({ code: z.string(), message: Bilingual }).optional(),
});

export const ProfileOut = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  serverTime: z.string(),
  assignments: z.array(z.object({
    campaignId: z.string(), campaignName: z.string(), year: z.number(), campaignStatus: z.string(), questionnaireId: z.string(), questionnaireVersion: z.number(),
    /** the campaign's levels of government (its questionnaire's `gov_level` options), in order */
    levels: z.array(GovLevelOut),
    startsOn: z.string().nullable(), endsOn: z.string().nullable(),
    units: z.array(z.object({
      unitId: z.string(), code: z.string(), name: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(),
      quotas: z.array(z.object({ level: QuotaLevel, target: z.number(), collected: z.number(), accepted: z.number() })),
      total: z.object({ target: z.number(), collected: z.number(), accepted: z.number() }).nullable(),
      collectedByMe: z.number(),
    })),
  })),
  returned: z.array(z.object({ formId: z.string(), clientUuid: z.string(), campaignId: z.string(), unitId: z.string(), paperSerial: z.string().nullable(), reason: z.string(), at: z.string().nullable() })),
});
