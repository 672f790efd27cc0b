import type { MailQueue } from '../mail/queue';
import { queueScheduledReminders } from './sending.service';
import { recoverInterrupted, sendDue } from './sender.service';

/** Invitations and reminders (`mail_message`), with their states and crash recovery in sender.service.ts. */
export const leadershipMailQueue: MailQueue = {
  name: 'leadership invitations',
  recover: (db) => recoverInterrupted(db, false),
  send: (db, ctx) => sendDue(db, ctx),
  tick: (db) => queueScheduledReminders(db),
};
