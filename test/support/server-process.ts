import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Role } from '../../server/db/schema';

const ROOT = resolve(import.meta.dirname, '../..');

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface ServerProcess {
  /** http://localhost:PORT */
  origin: string;
  port: number;
  /** the DATA_DIR this server uses (PGlite files, DEMO-LOGIN.txt) */
  dataDir: string;
  child: ChildProcess;
  /** everything the process printed so far (stdout and stderr) */
  output(): string;
  /** SIGKILL: the process dies at once, mid-request, as on a power cut; resolves when it has exited */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit */
  stop(): Promise<void>;
  /** is the process still alive? */
  alive(): boolean;
}

export interface StartServerOptions {
  /** environment on top of a quiet test environment (LOG_LEVEL warn, COOKIE_SECURE false, DEMO_DATA false) */
  env?: Record<string, string>;
  /** reuse a data folder (restart after a kill); a new temporary one otherwise */
  dataDir?: string;
  /** reuse a port (a restart keeps the address phones know) */
  port?: number;
  /** how long to wait for "ParIndex is running" */
  startTimeoutMs?: number;
}

/**
 * Starts the real server (`tsx server/main.ts`, what `npm start` runs after the web build) as its own process,
 * so that fault tests can kill it with SIGKILL in the middle of work and start it again on the same data.
 */
export async function startServerProcess(opts: StartServerOptions = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'parindex-proc-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    DEMO_DATA: 'false',
    WEB_DIST: join(ROOT, 'dist/web'),
    PUBLIC_URL: `http://localhost:${port}`,
    ...opts.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  let exited = false;
  const exit = new Promise<void>((ok) => child.once('exit', () => { exited = true; ok(); }));

  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000);
  while (!out.includes('ParIndex is running')) {
    if (exited) throw new Error(`server exited during start:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin: `http://localhost:${port}`,
    port,
    dataDir,
    child,
    output: () => out,
    alive: () => !exited,
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}

/** Removes a data folder made by startServerProcess (after the last process using it has exited). */
export function removeDataDir(dataDir: string) {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Prepares what a server process will open, with one user per role (password TEST_PASSWORD) and the reference
 * data: a PGlite folder (opened here, then closed: PGlite allows one process at a time), or a fresh database on
 * the PostgreSQL server at `serverUrl`. Returns the env to start the server with and a cleanup.
 */
export async function prepareServerData(kind: 'pglite' | 'postgres', serverUrl?: string): Promise<{
  env: Record<string, string>;
  dataDir: string;
  users: Record<Role, { id: string; username: string }>;
  cleanup(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parindex-proc-'));
  const { openDatabase } = await import('../../server/db/database');
  const { migrateToLatest } = await import('../../server/db/migrate');
  const { loadReferenceData } = await import('../../server/seeding/reference-data');
  const { createUser } = await import('../../server/features/users/service');
  const { TEST_PASSWORD, UNIT_FREE_ROLES } = await import('./app');
  let database;
  let dropUrl: string | null = null;
  let name = '';
  if (kind === 'pglite') {
    database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  } else {
    const pg = (await import('pg')).default;
    const { randomBytes } = await import('node:crypto');
    name = `parindex_proc_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`); // generated here: hex only
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    dropUrl = url.toString();
    database = await openDatabase({ kind: 'postgres', url: dropUrl });
  }
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const users = {} as Record<Role, { id: string; username: string }>;
  for (const role of UNIT_FREE_ROLES) {
    const u = await createUser(database.db, { username: `test-${role}`, displayName: `Test ${role}`, role, password: TEST_PASSWORD });
    users[role] = { id: u.id, username: u.username };
  }
  await database.close();
  return {
    env: dropUrl ? { DATABASE_URL: dropUrl } : {},
    dataDir,
    users,
    async cleanup() {
      removeDataDir(dataDir);
      if (dropUrl) {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
    },
  };
}

/** Logs in over HTTP as a person would; returns the Cookie header value. */
export async function loginOverHttp(origin: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0]!;
}
