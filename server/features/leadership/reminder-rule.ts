/*
 * When may a person get a reminder (issue 12, point 10)? One rule, used by the sending (what is queued) and by the
 * screens (the badge's count, "next reminder from …" per person and per group), so the page never promises a
 * reminder the server then refuses.
 *
 *   - never to someone who answered, was not sent an invitation, or has a message waiting or in flight;
 *   - at most `max` reminders;
 *   - at least `minDaysApart` days after their last message that may have arrived (sent, or handed to SMTP).
 *
 * Before the deadline an admin may override the spacing (never the rest): a reminder can then go once their last
 * message is at least OVERRIDE_MIN_HOURS old — never two messages to one link within that time.
 */

/** The floor between two messages to one person, even when an admin overrides the spacing rule before the deadline. */
export const OVERRIDE_MIN_HOURS = 12;
const HOUR_MS = 3600_000;

export interface ReminderRules {
  max: number;
  minDaysApart: number;
}

/** What the database says about one person (sending.service.ts: reminderFacts). */
export interface ReminderFacts {
  responded: boolean;
  /** an invitation was sent (accepted by SMTP, or delivered to the outbox) */
  invited: boolean;
  /** a message queued, claimed or being handed over */
  inFlight: boolean;
  /** reminders so far, not counting cancelled ones (never handed over) */
  reminders: number;
  /** the last message that may have arrived: sent, or handed to SMTP with no answer (uncertain) */
  lastMessageAt: Date | null;
}

export type ReminderState =
  | { state: 'answered' | 'not_invited' | 'in_flight' | 'max_reached'; nextAt: null; earliestOverrideAt: null }
  /** the spacing rule allows one now */
  | { state: 'due'; nextAt: Date; earliestOverrideAt: Date }
  /** the spacing rule allows one at `nextAt`; an admin's override before the deadline from `earliestOverrideAt` */
  | { state: 'waiting'; nextAt: Date; earliestOverrideAt: Date };

export function reminderState(f: ReminderFacts, rules: ReminderRules, now: Date): ReminderState {
  const none = (state: 'answered' | 'not_invited' | 'in_flight' | 'max_reached') => ({ state, nextAt: null, earliestOverrideAt: null });
  if (f.responded) return none('answered');
  if (!f.invited) return none('not_invited');
  if (f.inFlight) return none('in_flight');
  if (f.reminders >= rules.max) return none('max_reached');
  // no message that may have arrived (cannot happen once invited; kept safe): nothing to space from
  const last = f.lastMessageAt?.getTime() ?? now.getTime() - rules.minDaysApart * 24 * HOUR_MS;
  const nextAt = new Date(last + rules.minDaysApart * 24 * HOUR_MS);
  const earliestOverrideAt = new Date(last + OVERRIDE_MIN_HOURS * HOUR_MS);
  return nextAt.getTime() <= now.getTime() ? { state: 'due', nextAt, earliestOverrideAt } : { state: 'waiting', nextAt, earliestOverrideAt };
}

/** The spacing rule lets a reminder go now. */
export const dueNow = (s: ReminderState) => s.state === 'due';

/** An admin's override before the deadline lets a reminder go now (everything but the spacing still applies). */
export const dueWithOverride = (s: ReminderState, now: Date) =>
  (s.state === 'due' || s.state === 'waiting') && s.earliestOverrideAt.getTime() <= now.getTime();

/** The deadline's day (YYYY-MM-DD) in Vietnam, where the survey runs; the deadline day itself still counts. */
export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * HOUR_MS).toISOString().slice(0, 10);
}
