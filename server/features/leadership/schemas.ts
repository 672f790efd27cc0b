import { z } from 'zod';
import { Bilingual } from '../../http/schemas';

const Template = z.object({ subject: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(10_000) });
export const SurveyBody = z.object({
  questionnaireId: z.string().min(1).max(100),
  questionnaireVersion: z.number().int().min(1),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').nullable(),
  invitation: Template,
  reminder: Template,
  ratePerMinute: z.number().int().min(1).max(10_000),
  reminders: z.object({ auto: z.boolean(), max: z.number().int().min(0).max(10), minDaysApart: z.number().int().min(1).max(60) }),
  groupAverage: z.boolean(),
  keepUnit: z.boolean(),
});

export const Group = z.enum(['hdnd', 'so', 'huyen', 'xa']);

/**
 * One person's next reminder (reminder-rule.ts): `due` now, `waiting` until `nextAt` (an admin's override before the
 * deadline: from `earliestOverrideAt`); no reminder for `answered`, `not_invited` (no invitation delivered),
 * `in_flight` (a message waiting or being sent) or `max_reached`.
 */
export const ReminderOut = z.object({
  state: z.enum(['due', 'waiting', 'answered', 'not_invited', 'in_flight', 'max_reached']),
  nextAt: z.string().nullable(),
  earliestOverrideAt: z.string().nullable(),
});

const ReminderCounts = {
  dueNow: z.number(),
  waiting: z.number(),
  nextAt: z.string().nullable(),
  nextCount: z.number(),
  maxReached: z.number(),
};
export const ReminderScheduleOut = z.object({
  rules: z.object({ max: z.number(), minDaysApart: z.number(), overrideMinHours: z.number() }),
  deadline: z.string().nullable(),
  ...ReminderCounts,
  byGroup: z.array(z.object({ group: Group, ...ReminderCounts })),
  override: z.object({ allowed: z.boolean(), refusal: Bilingual.nullable(), count: z.number(), tooRecent: z.number(), nextAt: z.string().nullable() }),
});
export const RespondentStatus = z.enum(['new', 'queued', 'sending', 'sent', 'uncertain', 'failed', 'responded']);
export const RespondentOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  group: Group,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** sending: claimed or being handed to SMTP; uncertain: handed over when the sender stopped (may have arrived) */
  status: RespondentStatus,
  lastError: z.string().nullable(),
  invitedAt: z.string().nullable(),
  remindersSent: z.number(),
  responded: z.boolean(),
  reminder: ReminderOut.nullable(),
});

const RateOut = { invited: z.number(), sent: z.number(), failed: z.number(), responded: z.number(), rate: z.number().nullable() };
export const TrackingOut = z.object({
  overall: z.object(RateOut),
  byGroup: z.array(z.object({ group: z.string(), ...RateOut })),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), ...RateOut })),
});

export const RowErrorOut = z.object({ row: z.number(), column: z.string(), message: Bilingual });

export const UncertainMessageOut = z.object({
  id: z.string(),
  respondentId: z.string(),
  name: z.string(),
  email: z.string(),
  kind: z.enum(['invitation', 'reminder']),
  sequence: z.number(),
  handedOverAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const SendProgressOut = z.object({
  queued: z.number(),
  /** claimed by the sender or being handed to SMTP */
  sending: z.number(),
  sent: z.number(),
  failed: z.number(),
  /** handed to SMTP when the sender stopped: may or may not have arrived (resend with a new link) */
  uncertain: z.number(),
  total: z.number(),
  ratePerMinute: z.number(),
});
