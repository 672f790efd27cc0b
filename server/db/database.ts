import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pgliteStreams } from './pglite-wire';
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

/** Connections in front of PGlite: they wait for its one session in turn (pglite-wire.ts), not in the pool's queue. */
const PGLITE_POOL_SIZE = 4;

/**
 * Statements run by name, so that each connection parses and plans them once (issue 10: the ingest's context query
 * and insert, whose text never changes). Kysely sends text and parameters only; each new pooled client gets a
 * `query` that adds the statement's name when the text is one of these, so pg prepares it on first use on that
 * connection and then only binds. A connection that drops takes its prepared statements with it; the next one
 * prepares again. Real PostgreSQL only: the pooled connections in front of PGlite share its one session, where a
 * name prepared by one connection would already exist for the next.
 */
const namedStatements = new Map<string, string>();

export function runByName(sqlText: string): void {
  if (!namedStatements.has(sqlText)) namedStatements.set(sqlText, `parindex_${namedStatements.size + 1}`);
}

function nameKnownStatements(pool: pg.Pool) {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? namedStatements.get(text) : undefined;
      return name ? query({ name, text, values }) : query(...args);
    };
  });
}

/**
 * A connection that the server closes (restart, failover, a dropped database) emits 'error' — on the pool when it
 * is idle, on the client itself when a request holds it. Unhandled, either would end the process. The query under
 * way fails (the request answers 503 database_unavailable, see unavailable.ts); the pool drops the broken client
 * and opens a new one when the database is back.
 */
function keepAliveOnConnectionErrors(pool: pg.Pool) {
  const report = (err: Error) => process.stderr.write(`database connection lost (the pool will reconnect): ${err.message}\n`);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
}

/**
 * One code path for both: a real server through `pg`, or embedded PGlite that `pg` talks to in process over the
 * same wire protocol (so queries, transactions and migrations are the same).
 */
export async function openDatabase(database: AppConfig['database']): Promise<Database> {
  if (database.kind === 'postgres') {
    // a database that does not answer a new connection within 10 s counts as unavailable (503), not as a hang
    const pool = new pg.Pool({ connectionString: database.url, max: 20, connectionTimeoutMillis: 10_000 });
    keepAliveOnConnectionErrors(pool);
    nameKnownStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  if (database.dataDir !== 'memory') mkdirSync(database.dataDir, { recursive: true });
  const lite = await PGlite.create(database.dataDir === 'memory' ? undefined : database.dataDir);
  const pool = new pg.Pool({ user: 'postgres', database: 'postgres', stream: pgliteStreams(lite), max: PGLITE_POOL_SIZE });
  keepAliveOnConnectionErrors(pool);
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
      await lite.close();
    },
  };
}
