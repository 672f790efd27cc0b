import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { hashToken } from '../auth/passwords';
import { classifySendError, SMTP_CONNECTIONS, type OutgoingMail } from '../mail/transport';
import type { SendContext } from '../mail/queue';
import { renderMessage, surveyToApi } from './survey.service';
import { randomBytes } from 'node:crypto';

/*
 * The background e-mail sender's state machine (issue 9, "E-mail after a crash"):
 *
 *   queued ──claim (a batch, under a lease)──▶ claimed ──own committed write + the person's new link──▶ handing_over
 *   handing_over ──SMTP accepted──▶ sent (with the reply and Message-ID)
 *   handing_over ──4xx / no connection──▶ queued (later; the unseen link is deleted) · 5xx ──▶ failed
 *   handing_over ──connection lost with no reply──▶ uncertain
 *
 * After a crash (start-up) or when a lease runs out: claimed → queued (never handed over: nothing left the process),
 * handing_over → uncertain (it may have reached the SMTP server). Uncertain messages are listed for the admin, who
 * resends with a new link (the old one is revoked in the same transaction). Every transition is conditional on the
 * state and the owner it expects, so a sender that lost its claim to a recovery can never send a message twice.
 * With the outbox (no SMTP_URL) the hand-over is an insert in the same transaction as `sent`: never uncertain.
 */

/** 128 random bits, 22 URL-safe characters: short enough for a link people can click or type. */
export const newLinkToken = () => randomBytes(16).toString('base64url');

const MAX_ATTEMPTS = 5;
/** Minutes before retry n (1-based): 1, 5, 15, 60. */
const RETRY_MINUTES = [1, 5, 15, 60];
/** Messages claimed at a time: two per SMTP connection — a crash leaves at most this many to sort out. */
export const CLAIM_BATCH = SMTP_CONNECTIONS * 2;
/** A claim not finished within this time is taken back (a sender that hung or died). */
export const LEASE_MS = 10 * 60_000;

const UNCERTAIN_NOTE = 'Handed to the SMTP server, but the sender stopped before its answer (restart, crash or lost claim): it may or may not have been delivered. Not resent automatically — resend with a new link.';

/**
 * Puts interrupted work in order: claimed messages go back to the queue, messages being handed over become uncertain.
 * `expiredOnly`: only claims whose lease has run out (each pass); all of them at start-up, when no pass of this
 * process is running — a claim of another live sender then simply fails its next conditional step.
 */
export async function recoverInterrupted(db: Kysely<DB>, expiredOnly: boolean) {
  const now = new Date();
  let back = db.updateTable('mail_message').set({ status: 'queued', claimed_by: null, lease_until: null }).where('status', '=', 'claimed');
  let unsure = db.updateTable('mail_message').set({ status: 'uncertain', last_error: UNCERTAIN_NOTE }).where('status', '=', 'handing_over');
  if (expiredOnly) {
    back = back.where('lease_until', '<', now);
    unsure = unsure.where('lease_until', '<', now);
  }
  const requeued = Number((await back.executeTakeFirst()).numUpdatedRows ?? 0);
  const uncertain = Number((await unsure.executeTakeFirst()).numUpdatedRows ?? 0);
  return { requeued, uncertain };
}

/** Claims up to `limit` due messages of a campaign for `owner` (rows locked: two senders never take the same). */
async function claimBatch(db: Kysely<DB>, campaignId: string, owner: string, limit: number) {
  return db
    .updateTable('mail_message')
    .set({ status: 'claimed', claimed_by: owner, lease_until: new Date(Date.now() + LEASE_MS) })
    .where('id', 'in', (eb) =>
      eb.selectFrom('mail_message').select('id').where('campaign_id', '=', campaignId).where('status', '=', 'queued').where('next_attempt_at', '<=', new Date())
        .orderBy('queued_at').orderBy('sequence').limit(limit).forUpdate().skipLocked())
    .where('status', '=', 'queued')
    .returning(['id', 'respondent_id', 'kind'])
    .execute();
}

type Claimed = Awaited<ReturnType<typeof claimBatch>>[number];
type Outcome = 'sent' | 'failed' | 'retried' | 'uncertain' | 'skipped';
interface CampaignMail { survey: ReturnType<typeof surveyToApi>; campaignName: string }

/** The transitions after the hand-over: only from the state this owner left the message in. */
const ownedInFlight = (db: Kysely<DB>, id: string, owner: string) =>
  db.updateTable('mail_message').where('id', '=', id).where('claimed_by', '=', owner).where('status', 'in', ['handing_over', 'uncertain']);

/**
 * The hand-over, one committed transaction: the person still has not answered (row locked against a concurrent
 * answer or resend), the claim is still ours, a fresh link is stored and the message is `handing_over`. Returns the
 * mail to send and its token, or null when there is nothing to send. With an atomic transport (outbox) the delivery
 * and `sent` happen here too.
 */
async function handOver(db: Kysely<DB>, ctx: SendContext, m: Claimed, c: CampaignMail) {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('respondent').select(['name', 'email', 'responded']).where('id', '=', m.respondent_id).forUpdate().executeTakeFirst();
    if (!person || person.responded) {
      await trx.updateTable('mail_message').set({ status: 'cancelled', claimed_by: null, lease_until: null })
        .where('id', '=', m.id).where('status', '=', 'claimed').where('claimed_by', '=', ctx.owner).execute();
      return null;
    }
    const mine = await trx.updateTable('mail_message')
      .set((eb) => ({ status: 'handing_over', handed_over_at: new Date(), lease_until: new Date(Date.now() + LEASE_MS), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', m.id).where('status', '=', 'claimed').where('claimed_by', '=', ctx.owner)
      .returning('attempts').executeTakeFirst();
    if (!mine) return null; // a recovery or a resend took it back: not ours to send
    const token = newLinkToken();
    await trx.insertInto('respondent_link').values({ token_hash: hashToken(token), respondent_id: m.respondent_id }).execute();
    const message = renderMessage(c.survey, m.kind, { name: person.name, link: `${ctx.publicUrl}/r/${token}`, campaign: c.campaignName });
    const mail: OutgoingMail = { to: person.email, subject: message.subject, text: message.body };
    if (ctx.transport.atomic) {
      const receipt = await ctx.transport.deliver(mail, trx);
      await markSent(trx, m.id, ctx.owner, receipt);
      return { mail, token, attempts: mine.attempts, delivered: true };
    }
    return { mail, token, attempts: mine.attempts, delivered: false };
  });
}

async function markSent(db: Kysely<DB>, id: string, owner: string, receipt: { response: string; messageId: string | null }) {
  await ownedInFlight(db, id, owner)
    .set({ status: 'sent', sent_at: new Date(), last_error: null, lease_until: null, smtp_response: receipt.response.slice(0, 1000), smtp_message_id: receipt.messageId })
    .execute();
}

/** One message: hand-over, send, and record what the SMTP server said. A message it accepted is never marked failed. */
async function deliverOne(db: Kysely<DB>, ctx: SendContext, m: Claimed, c: CampaignMail): Promise<Outcome> {
  const h = await handOver(db, ctx, m, c);
  if (!h) return 'skipped';
  if (h.delivered) return 'sent';
  let receipt;
  try {
    receipt = await ctx.transport.deliver(h.mail, db);
  } catch (err) {
    const error = (err as Error).message.slice(0, 1000);
    const kind = classifySendError(err);
    if (kind === 'uncertain') {
      await ownedInFlight(db, m.id, ctx.owner).set({ status: 'uncertain', last_error: `${error} — ${UNCERTAIN_NOTE}` }).execute();
      return 'uncertain';
    }
    const retry = kind === 'retry' && h.attempts < MAX_ATTEMPTS;
    await db.transaction().execute(async (trx) => {
      // refused by the server: this link was never seen, drop it
      await trx.deleteFrom('respondent_link').where('token_hash', '=', hashToken(h.token)).execute();
      await ownedInFlight(trx, m.id, ctx.owner)
        .set({ status: retry ? 'queued' : 'failed', claimed_by: null, lease_until: null, last_error: error, next_attempt_at: new Date(Date.now() + (RETRY_MINUTES[h.attempts - 1] ?? 60) * 60_000) })
        .execute();
    });
    return retry ? 'retried' : 'failed';
  }
  await markSent(db, m.id, ctx.owner, receipt);
  return 'sent';
}

/**
 * One pass of the background sender: takes back expired claims, then for each campaign with due messages claims
 * small batches while its per-minute rate allows, and delivers each over the transport's pooled connections.
 */
export async function sendDue(db: Kysely<DB>, ctx: SendContext) {
  const totals = { sent: 0, failed: 0, retried: 0, uncertain: 0 };
  await recoverInterrupted(db, true);
  const campaigns = await db.selectFrom('mail_message').select('campaign_id').distinct().where('status', '=', 'queued').where('next_attempt_at', '<=', new Date()).execute();
  for (const { campaign_id: campaignId } of campaigns) {
    const survey = await db.selectFrom('leadership_survey').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
    const campaign = await db.selectFrom('campaign').select(['name', 'status']).where('id', '=', campaignId).executeTakeFirst();
    if (!survey || !campaign || campaign.status === 'closed') continue;
    const c = { survey: surveyToApi(survey), campaignName: campaign.name };
    for (;;) {
      const recent = await db.selectFrom('mail_message').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId).where('sent_at', '>', new Date(Date.now() - 60_000)).executeTakeFirstOrThrow();
      const allowed = survey.rate_per_minute - Number(recent.n);
      if (allowed <= 0) break;
      const claimed = await claimBatch(db, campaignId, ctx.owner, Math.min(allowed, CLAIM_BATCH));
      if (claimed.length === 0) break;
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(SMTP_CONNECTIONS, claimed.length) }, async () => {
        while (next < claimed.length) {
          const outcome = await deliverOne(db, ctx, claimed[next++]!, c);
          if (outcome !== 'skipped') totals[outcome]++;
        }
      }));
    }
  }
  return totals;
}
