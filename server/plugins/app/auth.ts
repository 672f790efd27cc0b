import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../db/schema';
import { AppError } from '../../errors';
import { findSessionUser } from '../../features/auth/repository';
import { hashToken } from '../../features/auth/passwords';

/** Who may call a route: 'public', or the roles allowed. Every /api route must declare it. */
export type RoleSpec = 'public' | readonly Role[];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** the password was generated or set by an admin: every API but change-password, logout and me answers 403 (set for every request's user) */
  mustChangePassword?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: RoleSpec;
    /** answers a user who must still change their password (change-password, me); every other route refuses them */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export const SESSION_COOKIE = 'sid';

/** The request's user; throws 401 when there is none (for handlers of non-public routes). */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError(401, 'unauthenticated', { vi: 'Bạn cần đăng nhập.', en: 'You need to log in.' });
  return request.user;
}

export const passwordChangeRequired = () =>
  new AppError(403, 'password_change_required', {
    vi: 'Mật khẩu của tài khoản này do quản trị viên đặt hoặc được tạo tự động: hãy đặt mật khẩu mới trước khi tiếp tục.',
    en: 'This account\'s password was set by an administrator or generated: set a new password before going on.',
  });

const UNDOCUMENTED_PREFIXES = ['/api/docs'];

export default fp(async (app) => {
  app.decorateRequest('user', null);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/') && !UNDOCUMENTED_PREFIXES.some((p) => route.url.startsWith(p));
    if (isApi && !route.config?.roles) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.roles`);
    }
  });

  // Runs before body parsing and validation: an unauthorised caller learns nothing about the route's input.
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config?.roles;
    if (!roles) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const row = await findSessionUser(app.db, hashToken(token));
      if (row) request.user = { id: row.id, username: row.username, displayName: row.display_name, role: row.role, mustChangePassword: row.must_change_password };
    }
    if (roles === 'public') return;
    if (!request.user) throw new AppError(401, 'unauthenticated', { vi: 'Bạn cần đăng nhập.', en: 'You need to log in.' });
    if (request.user.mustChangePassword && !request.routeOptions.config?.beforePasswordChange) throw passwordChangeRequired();
    if (!roles.includes(request.user.role)) {
      throw new AppError(403, 'forbidden', { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' });
    }
  });
}, { name: 'auth', dependencies: ['db', 'security'] });
