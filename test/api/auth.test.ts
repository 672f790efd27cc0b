import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';

describeEachDb('login, session cookie, logout, rate limit', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '5', COOKIE_SECURE: 'true' });
  });
  afterAll(() => t?.close());

  it('logs in with an HTTP-only secure cookie whose token is stored only as a hash, and logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-analyst', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'test-analyst', role: 'analyst' });
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.secure).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

    const stored = await t.database.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('test-analyst');

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `sid=${cookie.value}` } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-admin', password: 'nope-nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.message_vi).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db.selectFrom('app_user').select('password_hash').where('username', '=', 'test-admin').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rate-limits login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-admin', password: 'wrong-wrong' } });
      statuses.push(r.statusCode);
    }
    expect(statuses).toContain(429);
    const limited = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-admin', password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});
