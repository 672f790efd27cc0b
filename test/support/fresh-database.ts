import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database';
import { testConfig } from './test-config';

export type DbKind = 'pglite' | 'postgres';

/** A fresh, empty database of the given kind: in-memory PGlite, or a new database on the real server. */
export async function freshDatabase(kind: DbKind, serverUrl = testConfig.testDatabaseUrl): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: 'memory' });
  const admin = new pg.Client({ connectionString: serverUrl });
  const name = `parindex_test_${randomBytes(6).toString('hex')}`;
  await admin.connect();
  await admin.query(`create database ${name}`); // name is generated here: hex only
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
