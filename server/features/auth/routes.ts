import { ANY_USER } from '../../http/roles';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../db/schema';
import { errorResponses } from '../../http/schemas';
import { requireUser, SESSION_COOKIE } from '../../plugins/app/auth';
import { changeOwnPassword, checkNewPassword, login, loginSucceeded, LoginThrottled, logout, reserveLoginAttempt } from './service';
import { throttleKeys } from './throttle.repository';

export const UserBody = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as unknown as ['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser']),
  /** the password was generated or set by an admin: the user must change it before anything else */
  mustChangePassword: z.boolean(),
});

/** At least 10 characters, as for passwords an admin sets (users/routes.ts). */
export const NewPassword = z.string().min(10).max(200);

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Counts a password check against the login throttle (failures per IP, account and both); 429 while a wait runs. */
  const reserveAttempt = async (keys: ReturnType<typeof throttleKeys>, reply: FastifyReply) => {
    const policy = { ipFailuresPerMinute: app.config.loginRateLimitPerMinute, ...app.config.loginBackoff };
    try {
      await app.db.transaction().execute((trx) => reserveLoginAttempt(trx, keys, policy));
    } catch (err) {
      if (err instanceof LoginThrottled) reply.header('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
      throw err;
    }
  };

  r.post('/login', {
    // throttled per IP (failures only), per account and per (account, IP): features/auth/throttle.ts
    config: { roles: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Log in; sets an HTTP-only session cookie',
      body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ user: UserBody }), ...errorResponses },
    },
  }, async (request, reply) => {
    const keys = throttleKeys(request.body.username, request.ip);
    await reserveAttempt(keys, reply);
    const { token, expiresAt, user } = await login(app.db, request.body.username, request.body.password, {
      hours: app.config.sessionTtlHours,
      enumeratorHours: app.config.enumeratorSessionTtlHours,
    });
    await app.db.transaction().execute((trx) => loginSucceeded(trx, keys));
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      secure: app.config.cookieSecure,
      sameSite: 'lax',
      path: '/',
      expires: expiresAt,
    });
    return { user };
  });

  r.post('/logout', {
    config: { roles: 'public' },
    schema: { tags: ['auth'], summary: 'Log out (ends the session)', response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.post('/change-password', {
    // answers a user who must change their password; the current password is checked under the login throttle
    config: { roles: ANY_USER, beforePasswordChange: true },
    schema: {
      tags: ['auth'],
      summary: 'Set your own password (required first when an admin set it or it was generated); ends your other sessions',
      body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword }),
      response: { 200: z.object({ user: UserBody }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    checkNewPassword(user, request.body);
    const keys = throttleKeys(user.username, request.ip);
    await reserveAttempt(keys, reply);
    const changed = await app.db.transaction().execute((trx) => changeOwnPassword(trx, user, request.cookies[SESSION_COOKIE]!, request.body));
    await app.db.transaction().execute((trx) => loginSucceeded(trx, keys));
    return { user: changed };
  });

  r.get('/me', {
    config: { roles: ANY_USER, beforePasswordChange: true },
    schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: z.object({ user: UserBody }), ...errorResponses } },
  }, async (request) => ({ user: { mustChangePassword: false, ...requireUser(request) } }));
}
