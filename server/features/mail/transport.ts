import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** What the receiving side said when it took the message. */
export interface DeliveryReceipt {
  /** the SMTP server's reply to the end of DATA (e.g. `250 OK: queued as …`); the outbox's row id */
  response: string;
  /** the Message-ID header the message was sent with */
  messageId: string | null;
}

/**
 * Delivers one message; throws with the server's error when it is refused or cannot be delivered.
 * `atomic`: delivery is a write in the database itself (the outbox), done in the caller's transaction `db`, so it
 * commits or vanishes together with the message's status — such a delivery is never uncertain.
 */
export interface MailTransport {
  kind: 'smtp' | 'outbox';
  atomic: boolean;
  deliver(mail: OutgoingMail, db: Kysely<DB>): Promise<DeliveryReceipt>;
  close(): void;
}

/** No SMTP_URL: messages land in the `mail_outbox` table, which an admin reads in the app (demo, laptops). */
export function outboxTransport(): MailTransport {
  return {
    kind: 'outbox',
    atomic: true,
    async deliver(mail, db) {
      const row = await db.insertInto('mail_outbox').values({ to_address: mail.to, subject: mail.subject, body: mail.text }).returning('id').executeTakeFirstOrThrow();
      return { response: `outbox ${row.id}`, messageId: null };
    },
    close() {},
  };
}

/** Connections to the SMTP server kept open and shared (nodemailer pool). */
export const SMTP_CONNECTIONS = 4;

/** SMTP_URL set: a real SMTP server through nodemailer (pooled connections; URL query options still apply). */
export function smtpTransport(url: string, from: string): MailTransport {
  const withPool = new URL(url);
  if (!withPool.searchParams.has('pool')) withPool.searchParams.set('pool', 'true');
  if (!withPool.searchParams.has('maxConnections')) withPool.searchParams.set('maxConnections', String(SMTP_CONNECTIONS));
  const transporter = nodemailer.createTransport(withPool.toString(), { from });
  return {
    kind: 'smtp',
    atomic: false,
    async deliver(mail) {
      const info = await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      return { response: String(info.response ?? ''), messageId: info.messageId ?? null };
    },
    close() {
      transporter.close();
    },
  };
}

/** Could not even connect (no server, refused, unknown host, no greeting): the message certainly did not leave. */
const NOT_CONNECTED = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Connection timeout|Greeting never received/;

/**
 * What a failed send means for the message:
 * - `permanent`: the SMTP server refused it with a 5xx reply (unknown mailbox …) — not delivered, do not retry;
 * - `retry`: a 4xx reply, or no connection could be made — not delivered, try again later;
 * - `uncertain`: the connection broke or timed out with no reply, possibly after the message was transmitted —
 *   it may have been delivered; never sent again automatically (the admin resends with a new link).
 */
export function classifySendError(err: unknown): 'permanent' | 'retry' | 'uncertain' {
  const e = err as { responseCode?: number; code?: string; message?: string };
  if (e.responseCode && e.responseCode >= 500) return 'permanent';
  if (e.responseCode && e.responseCode >= 400) return 'retry';
  if (e.code === 'EDNS' || NOT_CONNECTED.test(e.message ?? '')) return 'retry';
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return 'permanent'; // refused by nodemailer before sending
  return 'uncertain';
}
