import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { insertAudit } from '../content-scores/repository';
import { dueNow, dueWithOverride, OVERRIDE_MIN_HOURS, reminderState, todayInVietnam, type ReminderFacts, type ReminderState } from './reminder-rule';
import { refuseUnlessRunning, requireCampaignRow, requireSurvey, surveyToApi } from './survey.service';
import { viDate } from './templates';

const asDate = (v: unknown) => (v == null ? null : new Date(v as string));
/** "The next batch": the waiting people whose time comes within this long after the first one's (invitations go out over minutes). */
export const NEXT_BATCH_MS = 3600_000;

/** Per respondent of the campaign: what the reminder rule needs, with their group and last reminder number. */
export async function reminderFacts(db: Kysely<DB>, campaignId: string) {
  const rows = await db
    .selectFrom('respondent as r')
    .select((eb) => [
      'r.id', 'r.respondent_group', 'r.responded',
      eb.exists(eb.selectFrom('mail_message as m').select('m.id').whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'invitation').where('m.status', '=', 'sent')).as('invited'),
      eb.exists(eb.selectFrom('mail_message as m').select('m.id').whereRef('m.respondent_id', '=', 'r.id').where('m.status', 'in', ['queued', 'claimed', 'handing_over'])).as('in_flight'),
      eb.selectFrom('mail_message as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'reminder').where('m.status', '<>', 'cancelled').as('reminders'),
      eb.selectFrom('mail_message as m').select((e) => e.fn.max('m.sequence').as('n')).whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'reminder').as('last_sequence'),
      eb.selectFrom('mail_message as m').select((e) => e.fn.max(e.fn.coalesce('m.sent_at', 'm.handed_over_at')).as('t')).whereRef('m.respondent_id', '=', 'r.id').where('m.status', 'in', ['sent', 'uncertain']).as('last_at'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    group: r.respondent_group,
    lastSequence: Number(r.last_sequence ?? 0),
    facts: {
      responded: r.responded,
      invited: Boolean(r.invited),
      inFlight: Boolean(r.in_flight),
      reminders: Number(r.reminders ?? 0),
      lastMessageAt: asDate(r.last_at),
    } satisfies ReminderFacts,
  }));
}

/** A reminder state as the API gives it (ISO times). */
export const reminderOut = (s: ReminderState) => ({
  state: s.state,
  nextAt: s.nextAt?.toISOString() ?? null,
  earliestOverrideAt: s.earliestOverrideAt?.toISOString() ?? null,
});

/** Each respondent's reminder state by id (for the respondent list). */
export async function reminderStates(db: Kysely<DB>, campaignId: string, now = new Date()) {
  const s = await db.selectFrom('leadership_survey').select(['reminders_max', 'reminders_min_days']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!s) return new Map<string, ReturnType<typeof reminderOut>>();
  const rules = { max: s.reminders_max, minDaysApart: s.reminders_min_days };
  return new Map((await reminderFacts(db, campaignId)).map((p) => [p.id, reminderOut(reminderState(p.facts, rules, now))]));
}

/** Why an admin may not send reminders ahead of the spacing rule now (null: they may). */
function overrideRefusal(deadline: string | null, now: Date) {
  if (!deadline) {
    return {
      vi: 'Chưa đặt hạn trả lời: chỉ được gửi nhắc trước khoảng cách tối thiểu khi sắp đến hạn. Hãy đặt hạn trả lời ở thẻ “Thiết lập”.',
      en: 'No deadline is set: reminders ahead of the minimum gap are only for the run-up to a deadline. Set the deadline on the “Set-up” tab.',
    };
  }
  if (deadline < todayInVietnam(now)) {
    return {
      vi: `Hạn trả lời (${viDate(deadline)}) đã qua: không gửi nhắc trước khoảng cách tối thiểu nữa. Nếu gia hạn, hãy đổi hạn trả lời ở thẻ “Thiết lập”.`,
      en: `The deadline (${deadline}) has passed: no reminders ahead of the minimum gap. To extend it, change the deadline on the “Set-up” tab.`,
    };
  }
  return null;
}

/**
 * When reminders can go: how many now, the next time per group, and — for an admin before the deadline — how many
 * an override of the spacing rule would reach now. The same rule as queueReminders (reminder-rule.ts).
 */
export async function reminderSchedule(db: Kysely<DB>, campaignId: string, now = new Date()) {
  await requireCampaignRow(db, campaignId);
  const survey = surveyToApi(await requireSurvey(db, campaignId));
  const people = (await reminderFacts(db, campaignId)).map((p) => ({ ...p, s: reminderState(p.facts, survey.reminders, now) }));
  const summarise = (list: typeof people) => {
    const waiting = list.filter((p) => p.s.state === 'waiting');
    const next = waiting.reduce<Date | null>((min, p) => (min && min <= p.s.nextAt! ? min : p.s.nextAt), null);
    return {
      dueNow: list.filter((p) => dueNow(p.s)).length,
      waiting: waiting.length,
      /** the earliest time the spacing rule lets the next of the waiting ones have a reminder; nextCount: how many
       *  of them are free within the hour after it (the next batch) */
      nextAt: next?.toISOString() ?? null,
      nextCount: next ? waiting.filter((p) => p.s.nextAt!.getTime() < next.getTime() + NEXT_BATCH_MS).length : 0,
      maxReached: list.filter((p) => p.s.state === 'max_reached').length,
    };
  };
  const groups = [...new Set(people.map((p) => p.group))].sort();
  const refusal = overrideRefusal(survey.deadline, now);
  const overridable = people.filter((p) => dueWithOverride(p.s, now));
  const tooRecent = people.filter((p) => p.s.state === 'waiting' && !dueWithOverride(p.s, now));
  const nextOverride = tooRecent.reduce<Date | null>((min, p) => (min && min <= p.s.earliestOverrideAt! ? min : p.s.earliestOverrideAt), null);
  return {
    rules: { max: survey.reminders.max, minDaysApart: survey.reminders.minDaysApart, overrideMinHours: OVERRIDE_MIN_HOURS },
    deadline: survey.deadline,
    ...summarise(people),
    byGroup: groups.map((group) => ({ group, ...summarise(people.filter((p) => p.group === group)) })),
    override: {
      allowed: refusal === null,
      refusal,
      /** reminders an override would queue now: the due ones and the waiting ones whose last message is old enough */
      count: overridable.length,
      /** of the waiting ones, those whose last message is too recent even for an override, and when the first may go */
      tooRecent: tooRecent.length,
      nextAt: nextOverride?.toISOString() ?? null,
    },
  };
}

/**
 * One reminder to each person the reminder rule allows now (reminder-rule.ts). With `override` (an admin, before
 * the deadline, after a confirmation) the spacing rule gives way to OVERRIDE_MIN_HOURS; everything else holds, and
 * the override is written to the audit log with the people it reached. A second click finds them in flight, and the
 * reminder's number is unique per person: never two reminders for one step. The caller's transaction.
 */
export async function queueReminders(db: Kysely<DB>, campaignId: string, opts: { override?: { userId: string } } = {}, now = new Date()) {
  refuseUnlessRunning(await requireCampaignRow(db, campaignId));
  const survey = surveyToApi(await requireSurvey(db, campaignId));
  if (opts.override) {
    const refusal = overrideRefusal(survey.deadline, now);
    if (refusal) throw new AppError(409, 'conflict', refusal);
  }
  const people = await reminderFacts(db, campaignId);
  const chosen = people.filter((p) => {
    const s = reminderState(p.facts, survey.reminders, now);
    return opts.override ? dueWithOverride(s, now) : dueNow(s);
  });
  if (chosen.length === 0) return { queued: 0 };
  const rows = chosen.map((p) => ({ campaign_id: campaignId, respondent_id: p.id, kind: 'reminder' as const, sequence: p.lastSequence + 1, status: 'queued' as const }));
  let queued = 0;
  const reached = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db.insertInto('mail_message').values(rows.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).returning('respondent_id').execute();
    queued += inserted.length;
    for (const r of inserted) reached.add(r.respondent_id);
  }
  if (opts.override && queued > 0) {
    const early = chosen.filter((p) => reached.has(p.id) && !dueNow(reminderState(p.facts, survey.reminders, now))).length;
    await insertAudit(db, [{
      user_id: opts.override.userId, action: 'reminders_before_gap', entity: 'leadership_survey', entity_key: campaignId,
      old_value: { minDaysApart: survey.reminders.minDaysApart, max: survey.reminders.max, deadline: survey.deadline },
      new_value: { queued, earlierThanRule: early, overrideMinHours: OVERRIDE_MIN_HOURS, respondentIds: [...reached] },
    }]);
  }
  return { queued };
}
