import fp from 'fastify-plugin';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { outboxTransport, smtpTransport, type MailTransport } from '../../features/mail/transport';
import type { MailQueue, SendCounts } from '../../features/mail/queue';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: { transport: MailTransport; sendNow(): Promise<SendCounts> };
  }
}

export interface MailerOptions {
  /** the features' queues (app.ts); the plugin knows them only through the MailQueue interface */
  queues: readonly MailQueue[];
}

/**
 * E-mail: SMTP when SMTP_URL is set, else the in-database outbox. A background loop (every MAIL_SENDER_INTERVAL_MS,
 * off when 0) runs a pass of each queue (one pass of a queue at a time) and, once a minute, each queue's tick (it
 * queues scheduled reminders). On start, before the loop, each queue puts interrupted work in order (the leadership
 * queue, sender.service.ts: messages claimed but never handed over go back to the queue, those being handed to SMTP
 * when the process stopped become `uncertain` — listed for the admin, never resent blindly).
 * `sendNow()` runs one pass of every queue, in order, and adds up what they did.
 */
export default fp<MailerOptions>(async (app, opts) => {
  const { mail } = app.config;
  const transport = mail.smtpUrl ? smtpTransport(mail.smtpUrl, mail.from) : outboxTransport();
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const queues = opts.queues.map((queue) => ({ queue, running: null as Promise<SendCounts> | null }));
  const pass = async (q: (typeof queues)[number]) => {
    while (q.running) await q.running.catch(() => {}); // one pass at a time
    const run = q.queue.send(app.db, { transport, publicUrl: mail.publicUrl, owner });
    q.running = run;
    try {
      return await run;
    } finally {
      q.running = null;
    }
  };
  const sendNow = async () => {
    const totals: SendCounts = { sent: 0, failed: 0, retried: 0, uncertain: 0 };
    for (const q of queues) {
      const done = await pass(q);
      for (const k of Object.keys(totals) as (keyof SendCounts)[]) totals[k] += done[k];
    }
    return totals;
  };
  app.decorate('mailer', { transport, sendNow });

  let timer: NodeJS.Timeout | null = null;
  let tickTimer: NodeJS.Timeout | null = null;
  if (mail.senderIntervalMs > 0) {
    app.addHook('onReady', async () => {
      for (const { queue } of queues) {
        const recovered = await queue.recover?.(app.db);
        if (recovered && (recovered.requeued || recovered.uncertain)) {
          app.log.warn({ queue: queue.name, ...recovered }, 'e-mail interrupted by a restart: never-handed-over messages queued again; those handed to SMTP are listed as uncertain');
        }
      }
      timer = setInterval(() => {
        for (const q of queues) {
          if (!q.running) pass(q).catch((err) => app.log.error({ err, queue: q.queue.name }, 'e-mail sender pass failed'));
        }
      }, mail.senderIntervalMs);
      tickTimer = setInterval(() => {
        for (const { queue } of queues) {
          queue.tick?.(app.db, new Date()).catch((err) => app.log.error({ err, queue: queue.name }, 'scheduled e-mail failed'));
        }
      }, 60_000);
    });
  }
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (tickTimer) clearInterval(tickTimer);
    for (const q of queues) while (q.running) await q.running.catch(() => {});
    transport.close();
  });
}, { name: 'mailer', dependencies: ['db'] });
