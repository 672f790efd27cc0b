import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { classifySendError, SMTP_CONNECTIONS, type MailTransport } from '../mail/transport';

// The sender of users' notification e-mails (user_mail, migration 0015), through the same transport as the leadership
// invitations (SMTP_URL, or the in-app outbox):
//   queued ──claim (own committed write, under a lease)──▶ handing_over ──SMTP accepted──▶ sent
//   handing_over ──4xx / no connection──▶ queued (later) · 5xx ──▶ failed · connection lost with no reply ──▶ uncertain
// A claim whose lease ran out (the process died mid-send) becomes `uncertain`: it may have been delivered, so it is not
// sent again by itself. With the outbox the claim, the delivery and `sent` are one transaction: never uncertain.

const MAX_ATTEMPTS = 5;
/** Minutes before retry n (1-based). */
const RETRY_MINUTES = [1, 5, 15, 60];
const LEASE_MS = 10 * 60_000;
const BATCH = SMTP_CONNECTIONS * 2;

/**
 * Claims the oldest due message: the row is picked and locked first (skipping rows another sender holds), then
 * updated by its id. (One `UPDATE … WHERE id IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)` may update more than the
 * one row it picked: the planner is free to evaluate the subquery again.)
 */
interface Claimed { id: string; to_address: string; subject: string; body: string; attempts: number }

async function claimOne(db: Kysely<DB>, now: Date): Promise<Claimed | undefined> {
  if (!db.isTransaction) return db.transaction().execute((trx) => claimOne(trx, now));
  const due = await db.selectFrom('user_mail').select('id').where('status', '=', 'queued').where('next_attempt_at', '<=', now)
    .orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
  if (!due) return undefined;
  return db.updateTable('user_mail')
    .set((eb) => ({ status: 'handing_over', attempts: eb('attempts', '+', 1), lease_until: new Date(now.getTime() + LEASE_MS) }))
    .where('id', '=', due.id).where('status', '=', 'queued')
    .returning(['id', 'to_address', 'subject', 'body', 'attempts'])
    .executeTakeFirst();
}

/** One pass: sends every due message (at most `limit`); returns what happened to them. */
export async function sendUserMail(db: Kysely<DB>, transport: MailTransport, limit = 500) {
  const totals = { sent: 0, failed: 0, retried: 0, uncertain: 0 };
  const now = () => new Date();
  totals.uncertain += Number((await db.updateTable('user_mail')
    .set({ status: 'uncertain', last_error: 'The sender stopped while handing this message to the SMTP server: it may or may not have been delivered.' })
    .where('status', '=', 'handing_over').where('lease_until', '<', now()).executeTakeFirst()).numUpdatedRows ?? 0);
  let budget = limit;
  const worker = async () => {
    while (budget > 0) {
      budget--;
      if (transport.atomic) {
        const done = await db.transaction().execute(async (trx) => {
          const m = await claimOne(trx, now());
          if (!m) return false;
          const receipt = await transport.deliver({ to: m.to_address, subject: m.subject, text: m.body }, trx);
          await trx.updateTable('user_mail').set({ status: 'sent', sent_at: now(), lease_until: null, smtp_response: receipt.response.slice(0, 1000) }).where('id', '=', m.id).execute();
          return true;
        });
        if (!done) return;
        totals.sent++;
        continue;
      }
      const m = await claimOne(db, now());
      if (!m) return;
      const inFlight = db.updateTable('user_mail').where('id', '=', m.id).where('status', '=', 'handing_over');
      try {
        const receipt = await transport.deliver({ to: m.to_address, subject: m.subject, text: m.body }, db);
        await inFlight.set({ status: 'sent', sent_at: now(), lease_until: null, last_error: null, smtp_response: receipt.response.slice(0, 1000) }).execute();
        totals.sent++;
      } catch (err) {
        const error = (err as Error).message.slice(0, 1000);
        const kind = classifySendError(err);
        if (kind === 'uncertain') {
          await inFlight.set({ status: 'uncertain', last_error: error }).execute();
          totals.uncertain++;
        } else if (kind === 'retry' && m.attempts < MAX_ATTEMPTS) {
          await inFlight.set({ status: 'queued', lease_until: null, last_error: error, next_attempt_at: new Date(Date.now() + (RETRY_MINUTES[m.attempts - 1] ?? 60) * 60_000) }).execute();
          totals.retried++;
        } else {
          await inFlight.set({ status: 'failed', lease_until: null, last_error: error }).execute();
          totals.failed++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: transport.atomic ? 1 : Math.min(SMTP_CONNECTIONS, BATCH) }, worker));
  return totals;
}
