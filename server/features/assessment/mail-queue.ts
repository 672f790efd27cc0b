import type { MailQueue } from '../mail/queue';
import { sendUserMail } from './notifications-mail';
import { runAssessmentNotifications } from './reminders';

/**
 * Users' notification e-mails (`user_mail`, notifications-mail.ts); each tick queues the clock's notifications:
 * phase opened, deadline reminders `reminderDays` before, approvals (idempotent: dedupe keys).
 */
export function assessmentMailQueue(reminderDays: readonly number[]): MailQueue {
  return {
    name: 'user notifications',
    send: (db, ctx) => sendUserMail(db, ctx.transport),
    tick: (db, now) => runAssessmentNotifications(db, now, reminderDays),
  };
}
