import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { MailTransport } from './transport';

/** What one pass of a queue did with the messages it took. */
export interface SendCounts {
  sent: number;
  failed: number;
  retried: number;
  uncertain: number;
}

export interface SendContext {
  transport: MailTransport;
  /** the address people reach the app at, for links in messages */
  publicUrl: string;
  /** this sender process (host, pid, random): the owner of its claims */
  owner: string;
}

/**
 * A feature's queue of e-mails, as the mail plugin (`plugins/app/mailer.ts`) sees it: it drains every queue it was
 * given (app.ts: the leadership invitations, the self-assessment notifications) and knows nothing else of the
 * features. Each queue keeps its own states and crash guarantees in its own tables; the plugin runs one pass of a
 * queue at a time.
 */
export interface MailQueue {
  /** for the log */
  name: string;
  /** once at start, before the first pass, when no pass of this process runs: put in order what a stopped process left */
  recover?(db: Kysely<DB>): Promise<{ requeued: number; uncertain: number }>;
  /** one pass: send what is due */
  send(db: Kysely<DB>, ctx: SendContext): Promise<SendCounts>;
  /** once a minute: queue what the clock has made due (reminders); idempotent */
  tick?(db: Kysely<DB>, now: Date): Promise<unknown>;
}
