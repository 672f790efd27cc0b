import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Delivers one message; throws with the server's error when it is refused or cannot be delivered. */
export interface MailTransport {
  kind: 'smtp' | 'outbox';
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** No SMTP_URL: messages land in the `mail_outbox` table, which an admin reads in the app (demo, laptops). */
export function outboxTransport(db: Kysely<DB>): MailTransport {
  return {
    kind: 'outbox',
    async deliver(mail) {
      await db.insertInto('mail_outbox').values({ to_address: mail.to, subject: mail.subject, body: mail.text }).execute();
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
    async deliver(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
