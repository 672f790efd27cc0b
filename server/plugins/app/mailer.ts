import fp from 'fastify-plugin';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { outboxTransport, smtpTransport, type MailTransport } from '../../features/mail/transport';
import { queueScheduledReminders } from '../../features/leadership/sending.service';
import { recoverInterrupted, sendDue } from '../../features/leadership/sender.service';
import { sendUserMail } from '../../features/assessment/notifications-mail';
import { runAssessmentNotifications } from '../../features/assessment/reminders';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: { transport: MailTransport; sendNow(): Promise<{ sent: number; failed: number; retried: number; uncertain: number }> };
  }
}

/**
 * E-mail: SMTP when SMTP_URL is set, else the in-database outbox. A background loop (every MAIL_SENDER_INTERVAL_MS,
 * off when 0) sends due messages at each campaign's rate and queues scheduled reminders once a minute. On start,
 * interrupted work is put in order (sender.service.ts): messages claimed but never handed over go back to the queue,
 * those being handed to SMTP when the process stopped become `uncertain` (listed for the admin, never resent blindly).
 */
export default fp(async (app) => {
  const { mail } = app.config;
  const transport = mail.smtpUrl ? smtpTransport(mail.smtpUrl, mail.from) : outboxTransport();
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let running: Promise<unknown> | null = null;
  const sendNow = async () => {
    while (running) await running; // one pass at a time
    const pass = sendDue(app.db, { transport, publicUrl: mail.publicUrl, owner });
    running = pass;
    try {
      return await pass;
    } finally {
      running = null;
    }
  };
  app.decorate('mailer', { transport, sendNow });

  let timer: NodeJS.Timeout | null = null;
  let reminderTimer: NodeJS.Timeout | null = null;
  let userMailPass: Promise<unknown> | null = null;
  if (mail.senderIntervalMs > 0) {
    app.addHook('onReady', async () => {
      const recovered = await recoverInterrupted(app.db, false);
      if (recovered.requeued || recovered.uncertain) {
        app.log.warn(recovered, 'e-mail interrupted by a restart: never-handed-over messages queued again; those handed to SMTP are listed as uncertain');
      }
      timer = setInterval(() => {
        if (!running) sendNow().catch((err) => app.log.error({ err }, 'e-mail sender pass failed'));
        // users' notification e-mails (self-assessment), their own small queue
        if (!userMailPass) {
          userMailPass = sendUserMail(app.db, transport).catch((err) => app.log.error({ err }, 'user e-mail pass failed')).finally(() => { userMailPass = null; });
        }
      }, mail.senderIntervalMs);
      reminderTimer = setInterval(() => {
        queueScheduledReminders(app.db).catch((err) => app.log.error({ err }, 'scheduled reminders failed'));
        // self-assessment: phase opened, deadline reminders, approvals (idempotent: dedupe keys)
        runAssessmentNotifications(app.db, new Date(), app.config.assessment.reminderDays).catch((err) => app.log.error({ err }, 'assessment notifications failed'));
      }, 60_000);
    });
  }
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (reminderTimer) clearInterval(reminderTimer);
    while (running) await running.catch(() => {});
    if (userMailPass) await userMailPass;
    transport.close();
  });
}, { name: 'mailer', dependencies: ['db'] });
