import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { FORGET_FAILURES_AFTER_MS, KNOWN_FOR_MS, type ThrottleRow, type ThrottleRows, type ThrottleScope } from './throttle';

const SCOPES: readonly ThrottleScope[] = ['account', 'account_ip', 'ip'];
export type ThrottleKeys = Record<ThrottleScope, string>;

/** One client as the throttle sees it: an IPv4 address, or an IPv6 /64 (one household or office gets a whole /64). */
export function clientNetwork(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

const digest = (scope: ThrottleScope, key: string) => createHash('sha256').update(`${scope}\n${key}`).digest('hex');

export function throttleKeys(username: string, ip: string): ThrottleKeys {
  const network = clientNetwork(ip);
  return { account: digest('account', username), account_ip: digest('account_ip', `${username}\n${network}`), ip: digest('ip', network) };
}

/** The three counters of a login attempt, created when missing and locked until the transaction ends. */
export async function lockThrottleRows(trx: Kysely<DB>, keys: ThrottleKeys, now: Date): Promise<ThrottleRows> {
  await trx
    .insertInto('login_throttle')
    .values(SCOPES.map((scope) => ({ scope, key_hash: keys[scope], failures: 0, window_start: now })))
    .onConflict((oc) => oc.columns(['scope', 'key_hash']).doNothing())
    .execute();
  const rows = await trx
    .selectFrom('login_throttle')
    .selectAll()
    .where((eb) => eb.or(SCOPES.map((scope) => eb.and([eb('scope', '=', scope), eb('key_hash', '=', keys[scope])]))))
    .orderBy('scope')
    .forUpdate()
    .execute();
  return Object.fromEntries(rows.map((r) => [r.scope, r])) as unknown as ThrottleRows;
}

export function saveThrottleRow(trx: Kysely<DB>, scope: ThrottleScope, keyHash: string, row: ThrottleRow) {
  return trx
    .updateTable('login_throttle')
    .set({ failures: row.failures, window_start: row.window_start, last_failure_at: row.last_failure_at, last_success_at: row.last_success_at })
    .where('scope', '=', scope)
    .where('key_hash', '=', keyHash)
    .execute();
}

/** A right password: the account and the pair start again from zero (the pair becomes known); the IP's reserved failure is taken back. */
export async function clearThrottleAfterSuccess(trx: Kysely<DB>, keys: ThrottleKeys, now: Date) {
  await trx.updateTable('login_throttle').set({ failures: 0, last_success_at: now })
    .where('scope', '=', 'account_ip').where('key_hash', '=', keys.account_ip).execute();
  await trx.updateTable('login_throttle').set({ failures: 0 })
    .where('scope', '=', 'account').where('key_hash', '=', keys.account).execute();
  await trx.updateTable('login_throttle').set({ failures: sql<number>`greatest(failures - 1, 0)` })
    .where('scope', '=', 'ip').where('key_hash', '=', keys.ip).execute();
}

/** Counters nobody needs any more: failures long forgotten and no recent success to remember. */
export function deleteStaleThrottleRows(db: Kysely<DB>, now: Date) {
  const forgotten = new Date(now.getTime() - FORGET_FAILURES_AFTER_MS);
  const unknown = new Date(now.getTime() - KNOWN_FOR_MS);
  return db
    .deleteFrom('login_throttle')
    .where((eb) => eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', forgotten)]))
    .where('window_start', '<', forgotten)
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', unknown)]))
    .execute();
}
