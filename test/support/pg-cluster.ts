import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process';

/** The PostgreSQL binaries on this machine (Debian: /usr/lib/postgresql/<version>/bin), newest first; null if none. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0]!, 'bin') : null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root (initdb and postgres refuse to run as root). */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  dataDir: string;
  /** the postmaster's pid (changes on every start) */
  pid(): number;
  /** pg_ctl restart -m fast: every connection is terminated (57P01), the server is back within a second or two */
  restartFast(): Promise<void>;
  /** kill -9 of the postmaster: connections die with it; start() brings it back (crash recovery from the WAL) */
  killPostmaster(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** stop and delete the folder */
  destroy(): Promise<void>;
}

/**
 * A private PostgreSQL cluster for fault tests: initdb into a temporary folder, started on a free port, so a test
 * can restart or kill it without touching the shared server.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const dataDir = mkdtempSync(join(tmpdir(), 'parindex-pg-'));
  chmodSync(dataDir, 0o700);
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir]);
  const port = await freePort();
  const [initCmd, initArgs] = pgCommand(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  async function waitReady(timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      try {
        await c.connect();
        await c.query('select 1');
        await c.end();
        return;
      } catch {
        await c.end().catch(() => {});
        if (Date.now() > deadline) throw new Error(`private PostgreSQL on port ${port} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  async function start() {
    const [cmd, args] = pgCommand(join(bin!, 'postgres'), [
      '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`,
      '-c', 'fsync=on', '-c', 'max_connections=100',
    ]);
    const c = spawn(cmd, args, { stdio: 'ignore' });
    child = c;
    exited = new Promise((ok) => c.once('exit', () => ok()));
    await waitReady();
  }
  /** the postmaster's own pid (under runuser the child is runuser, which execs nothing: read postmaster.pid) */
  function pid(): number {
    const text = execFileSync('head', ['-1', join(dataDir, 'postmaster.pid')], { encoding: 'utf8' });
    return Number(text.trim());
  }
  async function stop() {
    if (!child) return;
    try {
      process.kill(pid(), 'SIGINT'); // fast shutdown
    } catch { /* already gone */ }
    await exited;
    child = null;
  }
  await start();
  return {
    port,
    url,
    dataDir,
    pid,
    start,
    stop,
    async restartFast() {
      await stop();
      await start();
    },
    async killPostmaster() {
      process.kill(pid(), 'SIGKILL');
      await exited;
      child = null;
      // the postmaster's children notice their parent is gone and exit; wait until the port is free of them
      await new Promise((r) => setTimeout(r, 500));
    },
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
