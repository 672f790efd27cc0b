import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { refuseUnlessRunning, requireCampaignRow, requireSurvey } from './survey.service';
import { queueReminders } from './reminders.service';
import { todayInVietnam } from './reminder-rule';

/**
 * Queues an invitation for every respondent of the campaign who has none (a message is never queued twice). Only
 * while the campaign is in fieldwork: a draft's invitations could not be called back (API.md, "Sending").
 */
export async function queueInvitations(db: Kysely<DB>, campaignId: string) {
  refuseUnlessRunning(await requireCampaignRow(db, campaignId));
  await requireSurvey(db, campaignId);
  const result = await db
    .insertInto('mail_message')
    .columns(['campaign_id', 'respondent_id', 'kind', 'sequence', 'status'])
    .expression((eb) =>
      eb
        .selectFrom('respondent as r')
        .select([sql<string>`${campaignId}::uuid`.as('campaign_id'), 'r.id', sql<string>`'invitation'`.as('kind'), eb.lit(1).as('sequence'), sql<string>`'queued'`.as('status')])
        .where('r.campaign_id', '=', campaignId)
        .where('r.responded', '=', false)
        .where((w) => w.not(w.exists(w.selectFrom('mail_message as m').select('m.id').whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'invitation')))),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * A fresh invitation with a new link for one person, in the caller's transaction. The person's row is locked (as an
 * answer locks it), so this and an answer never cross: someone who has answered is refused. Every link they have is
 * revoked and the new message queued in the same commit — at no moment do two links work. Messages not yet handed
 * over are cancelled; an uncertain one is closed as replaced (it may have arrived, but its link no longer works).
 */
export async function resendInvitation(db: Kysely<DB>, campaignId: string, respondentId: string) {
  refuseUnlessRunning(await requireCampaignRow(db, campaignId));
  await requireSurvey(db, campaignId);
  const r = await db.selectFrom('respondent').select(['id', 'responded']).where('id', '=', respondentId).where('campaign_id', '=', campaignId).forUpdate().executeTakeFirst();
  if (!r) throw notFound({ vi: 'người được khảo sát', en: 'Respondent' });
  if (r.responded) {
    throw new AppError(409, 'already_answered', {
      vi: 'Người này đã trả lời khảo sát; không gửi lại đường dẫn mới.',
      en: 'This person has already answered the survey; no new link is sent.',
    });
  }
  const last = await db.selectFrom('mail_message').select((eb) => eb.fn.max('sequence').as('n')).where('respondent_id', '=', respondentId).where('kind', '=', 'invitation').executeTakeFirst();
  await db.updateTable('mail_message').set({ status: 'cancelled', claimed_by: null, lease_until: null })
    .where('respondent_id', '=', respondentId).where('status', 'in', ['queued', 'claimed']).execute();
  await db.updateTable('mail_message').set({ status: 'cancelled', last_error: 'Delivery was uncertain; replaced by a new invitation with a new link (the old link no longer works).' })
    .where('respondent_id', '=', respondentId).where('status', '=', 'uncertain').execute();
  await db.deleteFrom('respondent_link').where('respondent_id', '=', respondentId).execute();
  await db.insertInto('mail_message').values({ campaign_id: campaignId, respondent_id: respondentId, kind: 'invitation', sequence: Number(last?.n ?? 0) + 1, status: 'queued' }).execute();
  return 1;
}

/** Messages that may or may not have been delivered (handed to SMTP when the sender stopped), of people yet to answer. */
export async function listUncertain(db: Kysely<DB>, campaignId: string) {
  await requireCampaignRow(db, campaignId);
  const rows = await db.selectFrom('mail_message as m').innerJoin('respondent as r', 'r.id', 'm.respondent_id')
    .select(['m.id', 'm.respondent_id', 'r.name', 'r.email', 'm.kind', 'm.sequence', 'm.handed_over_at', 'm.last_error'])
    .where('m.campaign_id', '=', campaignId).where('m.status', '=', 'uncertain').where('r.responded', '=', false)
    .orderBy('r.name').orderBy('m.sequence').execute();
  return rows.map((m) => ({
    id: m.id, respondentId: m.respondent_id, name: m.name, email: m.email, kind: m.kind, sequence: m.sequence,
    handedOverAt: m.handed_over_at ? new Date(m.handed_over_at).toISOString() : null, lastError: m.last_error,
  }));
}

/** "Resend all": a new invitation with a new link for each person listed as uncertain (the caller's transaction). */
export async function resendUncertain(db: Kysely<DB>, campaignId: string) {
  const people = [...new Set((await listUncertain(db, campaignId)).map((m) => m.respondentId))];
  let queued = 0;
  let answered = 0;
  for (const id of people) {
    try {
      queued += await resendInvitation(db, campaignId, id);
    } catch (err) {
      // answered between the list and the lock: nothing to resend (no SQL failed, the transaction goes on)
      if (!(err instanceof AppError && err.code === 'already_answered')) throw err;
      answered++;
    }
  }
  return { queued, answered };
}

export async function sendingProgress(db: Kysely<DB>, campaignId: string) {
  const survey = await requireSurvey(db, campaignId);
  const rows = await db.selectFrom('mail_message').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    queued: n('queued'),
    sending: n('claimed') + n('handing_over'),
    sent: n('sent'),
    failed: n('failed'),
    uncertain: n('uncertain'),
    total: rows.reduce((a, r) => a + Number(r.n), 0) - n('cancelled'),
    ratePerMinute: survey.rate_per_minute,
  };
}

/** Scheduled reminders: campaigns in fieldwork with automatic reminders get them queued as soon as they are due. */
export async function queueScheduledReminders(db: Kysely<DB>, now = new Date()) {
  const auto = await db.selectFrom('leadership_survey as s').innerJoin('campaign as c', 'c.id', 's.campaign_id')
    .select(['s.campaign_id', 's.deadline']).where('s.reminders_auto', '=', true).where('c.status', '=', 'fieldwork').execute();
  let queued = 0;
  for (const s of auto) {
    if (s.deadline && s.deadline < todayInVietnam(now)) continue;
    queued += (await queueReminders(db, s.campaign_id, {}, now)).queued;
  }
  return queued;
}
