import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { hashToken } from '../auth/passwords';
import { SMTP_CONNECTIONS, type MailTransport } from '../mail/transport';
import { renderMessage, requireCampaignRow, requireSurvey, surveyToApi } from './survey.service';
import { randomBytes } from 'node:crypto';

/** 128 random bits, 22 URL-safe characters: short enough for a link people can click or type. */
export const newLinkToken = () => randomBytes(16).toString('base64url');

const MAX_ATTEMPTS = 5;
/** Minutes before retry n (1-based): 1, 5, 15, 60. */
const RETRY_MINUTES = [1, 5, 15, 60];

/** Queues an invitation for every respondent of the campaign who has none (a message is never queued twice). */
export async function queueInvitations(db: Kysely<DB>, campaignId: string) {
  await requireCampaignRow(db, campaignId);
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
 * One reminder to each invited non-responder — never to someone who answered, never more than `max` reminders,
 * never sooner than `minDaysApart` after their last message.
 */
export async function queueReminders(db: Kysely<DB>, campaignId: string) {
  await requireCampaignRow(db, campaignId);
  const survey = surveyToApi(await requireSurvey(db, campaignId));
  const due = await db
    .selectFrom('respondent as r')
    .select((eb) => [
      'r.id',
      eb.selectFrom('mail_message as m').select((e) => e.fn.count<number>('m.id').as('n')).whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'reminder').as('reminders'),
      eb.selectFrom('mail_message as m').select((e) => e.fn.max('m.sent_at').as('last')).whereRef('m.respondent_id', '=', 'r.id').as('last_sent'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .where('r.responded', '=', false)
    .where((eb) => eb.exists(eb.selectFrom('mail_message as m').select('m.id').whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'invitation').where('m.status', '=', 'sent')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mail_message as m').select('m.id').whereRef('m.respondent_id', '=', 'r.id').where('m.status', 'in', ['queued', 'sending']))))
    .execute();
  const minGapMs = survey.reminders.minDaysApart * 86400_000;
  const rows = due
    .filter((r) => Number(r.reminders ?? 0) < survey.reminders.max)
    .filter((r) => !r.last_sent || Date.now() - new Date(r.last_sent as unknown as string).getTime() >= minGapMs)
    .map((r) => ({ campaign_id: campaignId, respondent_id: r.id, kind: 'reminder' as const, sequence: Number(r.reminders ?? 0) + 1, status: 'queued' as const }));
  if (rows.length === 0) return 0;
  const result = await db.insertInto('mail_message').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** A fresh invitation for one person: their old links stop working, the new one comes in the new message. */
export async function resendInvitation(db: Kysely<DB>, campaignId: string, respondentId: string) {
  await requireSurvey(db, campaignId);
  const r = await db.selectFrom('respondent').select(['id', 'responded']).where('id', '=', respondentId).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!r) throw notFound({ vi: 'người được khảo sát', en: 'Respondent' });
  if (r.responded) throw new AppError(409, 'conflict', { vi: 'Người này đã trả lời.', en: 'This person has already answered.' });
  const last = await db.selectFrom('mail_message').select((eb) => eb.fn.max('sequence').as('n')).where('respondent_id', '=', respondentId).where('kind', '=', 'invitation').executeTakeFirst();
  await db.updateTable('mail_message').set({ status: 'cancelled' }).where('respondent_id', '=', respondentId).where('status', '=', 'queued').execute();
  await db.deleteFrom('respondent_link').where('respondent_id', '=', respondentId).execute();
  await db.insertInto('mail_message').values({ campaign_id: campaignId, respondent_id: respondentId, kind: 'invitation', sequence: Number(last?.n ?? 0) + 1, status: 'queued' }).execute();
  return 1;
}

export async function sendingProgress(db: Kysely<DB>, campaignId: string) {
  const survey = await requireSurvey(db, campaignId);
  const rows = await db.selectFrom('mail_message').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { queued: n('queued'), sending: n('sending'), sent: n('sent'), failed: n('failed'), total: rows.reduce((a, r) => a + Number(r.n), 0) - n('cancelled'), ratePerMinute: survey.rate_per_minute };
}

/**
 * A message left "sending" by a crash or restart may or may not have reached the SMTP server: it is marked failed
 * (with the reason) and NOT resent automatically, so nobody gets the same message twice. Resend it by hand.
 */
export async function recoverInterrupted(db: Kysely<DB>) {
  const r = await db
    .updateTable('mail_message')
    .set({ status: 'failed', last_error: 'Interrupted while sending (server restart); not resent automatically to avoid a duplicate — resend by hand.' })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

export interface SendContext {
  transport: MailTransport;
  publicUrl: string;
}

/**
 * One pass of the background sender: for each campaign with due messages, claims at most what its per-minute rate
 * still allows (rows locked, so two senders never take the same message), delivers each with a fresh single-use
 * link, and records sent / retry later / failed with the server's error.
 */
export async function sendDue(db: Kysely<DB>, ctx: SendContext): Promise<{ sent: number; failed: number; retried: number }> {
  const totals = { sent: 0, failed: 0, retried: 0 };
  const campaigns = await db.selectFrom('mail_message').select('campaign_id').distinct().where('status', '=', 'queued').where('next_attempt_at', '<=', new Date()).execute();
  for (const { campaign_id: campaignId } of campaigns) {
    const survey = await db.selectFrom('leadership_survey').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
    const campaign = await db.selectFrom('campaign').select(['name', 'status']).where('id', '=', campaignId).executeTakeFirst();
    if (!survey || !campaign || campaign.status === 'closed') continue;
    const recent = await db.selectFrom('mail_message').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId).where('sent_at', '>', new Date(Date.now() - 60_000)).executeTakeFirstOrThrow();
    const allowed = survey.rate_per_minute - Number(recent.n);
    if (allowed <= 0) continue;
    const claimed = await db
      .updateTable('mail_message')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) =>
        eb.selectFrom('mail_message').select('id').where('campaign_id', '=', campaignId).where('status', '=', 'queued').where('next_attempt_at', '<=', new Date())
          .orderBy('queued_at').orderBy('sequence').limit(allowed).forUpdate().skipLocked())
      .returning(['id', 'respondent_id', 'kind', 'attempts'])
      .execute();
    const api = surveyToApi(survey);
    const deliverOne = async (m: (typeof claimed)[number]) => {
      const person = await db.selectFrom('respondent').select(['name', 'email', 'responded']).where('id', '=', m.respondent_id).executeTakeFirstOrThrow();
      if (person.responded) {
        await db.updateTable('mail_message').set({ status: 'cancelled' }).where('id', '=', m.id).execute();
        return;
      }
      const token = newLinkToken();
      await db.insertInto('respondent_link').values({ token_hash: hashToken(token), respondent_id: m.respondent_id }).execute();
      const message = renderMessage(api, m.kind, { name: person.name, link: `${ctx.publicUrl}/r/${token}`, campaign: campaign.name });
      try {
        await ctx.transport.deliver({ to: person.email, subject: message.subject, text: message.body });
        await db.updateTable('mail_message').set({ status: 'sent', sent_at: new Date(), last_error: null }).where('id', '=', m.id).execute();
        totals.sent++;
      } catch (err) {
        // not delivered: this link was never seen, drop it
        await db.deleteFrom('respondent_link').where('token_hash', '=', hashToken(token)).execute();
        const error = (err as Error).message.slice(0, 1000);
        // 5xx from the SMTP server is permanent (unknown mailbox …): fail now; 4xx and network errors: try again later
        const permanent = ((err as { responseCode?: number }).responseCode ?? 0) >= 500;
        const retry = !permanent && m.attempts < MAX_ATTEMPTS;
        await db.updateTable('mail_message')
          .set({ status: retry ? 'queued' : 'failed', last_error: error, next_attempt_at: new Date(Date.now() + (RETRY_MINUTES[m.attempts - 1] ?? 60) * 60_000) })
          .where('id', '=', m.id).execute();
        if (retry) totals.retried++;
        else totals.failed++;
      }
    };
    // a few deliveries at a time, over the transport's pooled connections
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(SMTP_CONNECTIONS, claimed.length) }, async () => {
      while (next < claimed.length) await deliverOne(claimed[next++]!);
    }));
  }
  return totals;
}

/** Scheduled reminders: campaigns with automatic reminders get them queued as soon as they are due. */
export async function queueScheduledReminders(db: Kysely<DB>) {
  const auto = await db.selectFrom('leadership_survey as s').innerJoin('campaign as c', 'c.id', 's.campaign_id')
    .select(['s.campaign_id', 's.deadline']).where('s.reminders_auto', '=', true).where('c.status', '<>', 'closed').execute();
  let queued = 0;
  for (const s of auto) {
    if (s.deadline && s.deadline < new Date().toISOString().slice(0, 10)) continue;
    queued += await queueReminders(db, s.campaign_id);
  }
  return queued;
}
