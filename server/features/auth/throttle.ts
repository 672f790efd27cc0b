import type { LoginThrottleTable } from '../../db/schema';

/**
 * Login throttling policy (README "Login throttling"). Three counters, kept in the database so a restart does not
 * reset them; an attempt is counted as a failure before the password is checked (so parallel guesses cannot slip
 * through together) and taken back when the password is right:
 *
 * - per client IP: at most `ipFailuresPerMinute` failed logins a minute (successful logins do not count);
 * - per account, from any IP: `freeFailures` failures, then each further attempt waits base · 2^k s (k = failures
 *   beyond the free ones), at most `maxSeconds`; during the wait even the right password gets 429 + Retry-After;
 * - per (account, IP): the same backoff, counted apart.
 *
 * An IP the account has logged in from within KNOWN_FOR_MS is "known" for that account: it is held only by its own
 * (account, IP) counter, not by the account-wide or the IP-wide one — a flood from elsewhere, or colleagues'
 * typos behind the same office NAT, do not lock the real user out. Counters with no failure for
 * FORGET_FAILURES_AFTER_MS start again from zero. Success clears the account's and the pair's counters.
 */
export interface LoginThrottlePolicy {
  ipFailuresPerMinute: number;
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
}

export type ThrottleScope = LoginThrottleTable['scope'];
export type ThrottleRow = Pick<LoginThrottleTable, 'failures' | 'window_start' | 'last_failure_at' | 'last_success_at'>;
export type ThrottleRows = Record<ThrottleScope, ThrottleRow>;

export const IP_WINDOW_MS = 60_000;
export const FORGET_FAILURES_AFTER_MS = 24 * 3600_000;
export const KNOWN_FOR_MS = 30 * 24 * 3600_000;

/** The row as it stands at `now`: a lapsed IP window or a forgotten run of failures counts from zero again. */
export function currentRow(scope: ThrottleScope, row: ThrottleRow, now: Date): ThrottleRow {
  const lapsed = scope === 'ip'
    ? now.getTime() - row.window_start.getTime() >= IP_WINDOW_MS
    : row.last_failure_at !== null && now.getTime() - row.last_failure_at.getTime() >= FORGET_FAILURES_AFTER_MS;
  return lapsed ? { ...row, failures: 0, window_start: now } : row;
}

/** The wait after `failures` failures of one account (or one account from one IP), in ms. */
export function backoffMs(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** exponent) * 1000;
}

export const isKnownPair = (pair: ThrottleRow, now: Date) =>
  pair.last_success_at !== null && now.getTime() - pair.last_success_at.getTime() < KNOWN_FOR_MS;

/** How long (ms) this attempt must still wait; 0 = it may go ahead. `rows` are current (see currentRow). */
export function remainingWaitMs(rows: ThrottleRows, policy: LoginThrottlePolicy, now: Date): number {
  const since = (row: ThrottleRow, waitMs: number) =>
    waitMs === 0 || row.last_failure_at === null ? 0 : row.last_failure_at.getTime() + waitMs - now.getTime();
  const waits = [since(rows.account_ip, backoffMs(rows.account_ip.failures, policy))];
  if (!isKnownPair(rows.account_ip, now)) {
    waits.push(since(rows.account, backoffMs(rows.account.failures, policy)));
    if (rows.ip.failures >= policy.ipFailuresPerMinute) waits.push(rows.ip.window_start.getTime() + IP_WINDOW_MS - now.getTime());
  }
  return Math.max(0, ...waits);
}
