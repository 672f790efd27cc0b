import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { AppConfig } from '../config';
import type { DB } from './schema';

// numeric → number (scores have at most a few decimals; evidence counts stay well below 2^53), int8 → number
pg.types.setTypeParser(1700, (v: string) => Number.parseFloat(v));
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));
// date → 'YYYY-MM-DD' as stored (the default makes a local-time Date, which shifts days across time zones)
pg.types.setTypeParser(1082, (v: string) => v);

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const PGLITE_POOL_SIZE = 8;

/**
 * An idle pooled connection that the server closes (restart, failover, a dropped database) emits 'error' on the
 * pool; unhandled, that would end the process. The pool drops that client and opens a new one when needed.
 */
function keepAliveOnIdleErrors(pool: pg.Pool) {
  pool.on('error', (err) => {
    process.stderr.write(`database connection lost (the pool will reconnect): ${err.message}\n`);
  });
}

/**
 * One code path for both: a real server through `pg`, or embedded PGlite behind a local socket that `pg`
 * connects to (so queries, transactions and migrations are the same).
 */
export async function openDatabase(database: AppConfig['database']): Promise<Database> {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 20 });
    keepAliveOnIdleErrors(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  if (database.dataDir !== 'memory') mkdirSync(database.dataDir, { recursive: true });
  const lite = await PGlite.create(database.dataDir === 'memory' ? undefined : database.dataDir);
  const server = new PGLiteSocketServer({ db: lite, port: 0, host: '127.0.0.1', maxConnections: PGLITE_POOL_SIZE + 4 });
  await server.start();
  const pool = new pg.Pool({ connectionString: `postgres://postgres@${server.getServerConn()}/postgres`, max: PGLITE_POOL_SIZE });
  keepAliveOnIdleErrors(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    kind: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await server.stop();
      await lite.close();
    },
  };
}
