import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { backoffMs } from '../../server/features/auth/throttle';
import { clientNetwork } from '../../server/features/auth/throttle.repository';
import { describeEachDb } from '../support/databases';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';

/**
 * Login throttling and the survey-link rate limit cannot be dodged with a forged X-Forwarded-For, and a flood of
 * wrong passwords neither guesses nor locks the real user out for long (features/auth/throttle.ts).
 * Each test uses its own socket addresses (inject's remoteAddress), so their counters do not meet.
 */
interface From { socket: string; forwardedFor?: string }

const attempt = (t: TestApp, username: string, password: string, from: From) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: from.socket,
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
    payload: { username, password },
  });

/** a different client address for every i (as a botnet or a rotating header would give) */
const address = (net: number, i: number) => `203.0.${net}.${i + 1}`;

describeEachDb('client IP and login throttling cannot be forged', (kind) => {
  describe('TRUST_PROXY off (the default): the socket address is the client', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '5', RESPOND_RATE_LIMIT_PER_MINUTE: '5' });
    });
    afterAll(() => t?.close());

    it('rotating X-Forwarded-For values do not reset the per-IP limit of failed logins', async () => {
      const from = (i: number): From => ({ socket: '198.51.100.7', forwardedFor: address(1, i) });
      const statuses: number[] = [];
      // a password sprayer: a different (unknown) account each time, so only the per-IP counter can stop it
      for (let i = 0; i < 12; i++) statuses.push((await attempt(t, `nobody-${i}`, 'guess-guess', from(i))).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(Array(7).fill(429));
      // and an account never used from this IP is refused too, right password or not, while the minute runs
      const limited = await attempt(t, 'test-analyst', TEST_PASSWORD, from(99));
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('successful logins do not count, and a user who has logged in from a shared (NAT) address before is not locked out by colleagues\u2019 failures there', async () => {
      const office = { socket: '198.51.100.20' };
      for (let i = 0; i < 8; i++) expect((await attempt(t, 'test-supervisor', TEST_PASSWORD, office)).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await attempt(t, `typo-${i}`, 'wrong-wrong', office)).statusCode).toBe(401);
      expect((await attempt(t, 'test-enumerator', TEST_PASSWORD, office)).statusCode).toBe(429); // never logged in here
      expect((await attempt(t, 'test-supervisor', TEST_PASSWORD, office)).statusCode).toBe(200); // known here
    });

    it('the survey-link limit (open and submit) counts the socket address, whatever X-Forwarded-For says', async () => {
      for (const method of ['GET', 'POST'] as const) {
        const statuses: number[] = [];
        for (let i = 0; i < 9; i++) {
          const res = await t.app.inject({
            method,
            url: `/api/respond/${'A'.repeat(43)}`,
            remoteAddress: method === 'GET' ? '198.51.100.30' : '198.51.100.31',
            headers: { 'x-forwarded-for': address(3, i) },
            ...(method === 'POST' ? { payload: { answers: {} } } : {}),
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, 5), method).not.toContain(429);
        expect(statuses.slice(5), method).toEqual([429, 429, 429, 429]);
      }
    });
  });

  describe('TRUST_PROXY=127.0.0.1: a trusted proxy\u2019s X-Forwarded-For is the client', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, {
        TRUST_PROXY: '127.0.0.1',
        LOGIN_RATE_LIMIT_PER_MINUTE: '5',
        RESPOND_RATE_LIMIT_PER_MINUTE: '5',
        LOGIN_BACKOFF_FREE_FAILURES: '3',
        LOGIN_BACKOFF_BASE_SECONDS: '2',
        LOGIN_BACKOFF_MAX_SECONDS: '8',
      });
    });
    afterAll(() => t?.close());

    const viaProxy = (forwardedFor: string): From => ({ socket: '127.0.0.1', forwardedFor });

    it('honours the header from the proxy, and only from it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await attempt(t, `sprayed-${i}`, 'guess-guess', viaProxy(address(4, i)))).statusCode);
      expect(statuses).toEqual(Array(8).fill(401)); // eight clients, one failure each
      const respond = [];
      for (let i = 0; i < 8; i++) {
        respond.push((await t.app.inject({ method: 'GET', url: `/api/respond/${'B'.repeat(43)}`, headers: { 'x-forwarded-for': address(5, i) } })).statusCode);
      }
      expect(respond).not.toContain(429);
      // a client talking to the server directly cannot claim to be someone else
      const direct: number[] = [];
      for (let i = 0; i < 7; i++) direct.push((await attempt(t, `direct-${i}`, 'guess-guess', { socket: '192.0.2.9', forwardedFor: address(6, i) })).statusCode);
      expect(direct).toEqual([401, 401, 401, 401, 401, 429, 429]);
    });

    it('a wrong-password flood on one account from many addresses gets only the free failures; the real user gets in after a short wait', async () => {
      const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(t, 'test-analyst', `guess-${i}`, viaProxy(address(7, i)))));
      const statuses = flood.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 401)).toHaveLength(3); // LOGIN_BACKOFF_FREE_FAILURES: only these reached the password check
      expect(statuses.filter((s) => s === 429)).toHaveLength(27);

      // the right password from yet another address is refused during the wait: the flood could not have guessed
      const waiting = await attempt(t, 'test-analyst', TEST_PASSWORD, viaProxy('192.0.2.77'));
      expect(waiting.statusCode).toBe(429);
      expect(waiting.json().error.message_vi).toMatch(/^Quá nhiều lần đăng nhập sai\. Vui lòng thử lại sau \d+ giây\.$/);
      const retryAfterMs = waiting.json().error.details.retryAfterMs as number;
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(2000); // LOGIN_BACKOFF_BASE_SECONDS: short
      expect(waiting.headers['retry-after']).toBe(String(Math.ceil(retryAfterMs / 1000)));

      await sleep(retryAfterMs + 50);
      expect((await attempt(t, 'test-analyst', TEST_PASSWORD, viaProxy('192.0.2.77'))).statusCode).toBe(200);
      // success clears the account's counter: the next typo is a free failure again
      expect((await attempt(t, 'test-analyst', 'typo', viaProxy('192.0.2.77'))).statusCode).toBe(401);
    });

    it('an address the user has logged in from before is held only by its own counter, not by a flood from elsewhere', async () => {
      const home = viaProxy('192.0.2.100');
      expect((await attempt(t, 'test-enumerator', TEST_PASSWORD, home)).statusCode).toBe(200);
      const flood = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(t, 'test-enumerator', `guess-${i}`, viaProxy(address(8, i)))));
      expect(flood.map((r) => r.statusCode).filter((s) => s === 401)).toHaveLength(3);
      expect((await attempt(t, 'test-enumerator', TEST_PASSWORD, viaProxy('192.0.2.101'))).statusCode).toBe(429); // a new address waits
      expect((await attempt(t, 'test-enumerator', TEST_PASSWORD, home)).statusCode).toBe(200); // the known one does not
    });

    it('the wait is kept in the database: another server process on it (or a restarted one) makes the account wait too', async () => {
      const other = await buildApp(t.config, t.database, { logger: false });
      try {
        const flood = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(t, 'test-supervisor', `guess-${i}`, viaProxy(address(9, i)))));
        expect(flood.map((r) => r.statusCode).filter((s) => s === 401)).toHaveLength(3);
        const res = await other.inject({
          method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '192.0.2.150' }, payload: { username: 'test-supervisor', password: TEST_PASSWORD },
        });
        expect(res.statusCode).toBe(429);
      } finally {
        await other.close();
      }
      // counters are stored under hashes, never the username or the address
      const stored = await t.database.db.selectFrom('login_throttle').selectAll().execute();
      expect(stored.length).toBeGreaterThan(0);
      expect(JSON.stringify(stored)).not.toMatch(/test-|192\.0\.2|203\.0/);
    });
  });
});

describe('login backoff policy', () => {
  it('doubles the wait after the free failures, up to the cap', () => {
    const policy = { ipFailuresPerMinute: 10, freeFailures: 5, baseSeconds: 1, maxSeconds: 300 };
    expect([4, 5, 6, 7, 8, 13, 14, 100].map((f) => backoffMs(f, policy))).toEqual([0, 1000, 2000, 4000, 8000, 256_000, 300_000, 300_000]);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientNetwork('198.51.100.7')).toBe('198.51.100.7');
  });
});
