import type { FastifyInstance } from 'fastify';
import type { Database } from '../../server/db/database';
import { buildApp } from '../../server/app';
import { loadConfig, type AppConfig } from '../../server/config';
import { migrateToLatest } from '../../server/db/migrate';
import { loadReferenceData } from '../../server/seeding/reference-data';
import type { Role } from '../../server/db/schema';
import { createUser } from '../../server/features/users/service';
import { createUnit } from '../../server/features/units/service';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { freshDatabase, type DbKind } from './fresh-database';
import { freePort } from './server-process';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
export const ALL_ROLES: Role[] = ['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser'];
/** Roles whose test user needs nothing else; a unit officer belongs to a unit, made with the user on first `cookieFor('unit_officer')`. */
export const UNIT_FREE_ROLES: Role[] = ALL_ROLES.filter((r) => r !== 'unit_officer');
/** The unit of the test unit officer (code TEST-OFFICER, a province: no parent needed; in no campaign unless a test adds it). */
export const OFFICER_UNIT = { code: 'TEST-OFFICER', name: 'Đơn vị của cán bộ thử', kind: 'province' as const };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  /** one user per role; `unit_officer` only after the first `cookieFor('unit_officer')` (it needs a unit) */
  users: Record<Role, { id: string; username: string }>;
  /** a new session for a user of that role, as a Cookie header value (made directly, no login round trip) */
  cookieFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** A migrated database with reference data and one user per role, and the app on top of it. */
export async function startTestApp(kind: DbKind, env: Record<string, string> = {}, serverUrl?: string): Promise<TestApp> {
  const database = await freshDatabase(kind, serverUrl);
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  // the e-mail sender is driven by the tests themselves (app.mailer.sendNow()) unless a test turns it on
  // a free port of its own: PUBLIC_URL (the one origin allowed to send state-changing requests) defaults to
  // http://localhost:PORT, and serveApp listens there, so browser tests are same-origin
  const port = String(await freePort());
  const config = loadConfig({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', WEB_DIST: './dist/web', MAIL_SENDER_INTERVAL_MS: '0', PORT: port, ...env });
  const users = {} as TestApp['users'];
  for (const role of UNIT_FREE_ROLES) {
    const u = await createUser(database.db, { username: `test-${role}`, displayName: `Test ${role}`, role, password: TEST_PASSWORD });
    users[role] = { id: u.id, username: u.username };
  }
  const ensureUser = async (role: Role) => {
    if (users[role]) return users[role];
    // the unit officer: a unit of its own, created with the user on first use
    const unit = await createUnit(database.db, { ...OFFICER_UNIT, parentId: null, group: null });
    const u = await createUser(database.db, { username: `test-${role}`, displayName: `Test ${role}`, role, password: TEST_PASSWORD, unitId: unit.id });
    return (users[role] = { id: u.id, username: u.username });
  };
  const app = await buildApp(config, database, { logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    users,
    async cookieFor(role) {
      const token = newToken();
      await database.db
        .insertInto('user_session')
        .values({ token_hash: hashToken(token), user_id: (await ensureUser(role)).id, expires_at: new Date(Date.now() + 3600_000) })
        .execute();
      return `sid=${token}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
