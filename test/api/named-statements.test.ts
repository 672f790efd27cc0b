// Issue 10: the ingest's hot statements run by name on real PostgreSQL, so each connection parses and plans them once.
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { runByName, type Database } from '../../server/db/database';
import { describeEachDb, freshDatabase } from '../support/databases';

describeEachDb('statements run by name', (kind) => {
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it(kind === 'postgres'
    ? 'prepares a registered statement once per connection and reuses it; others stay unnamed'
    : 'leaves statements unnamed in front of PGlite (its connections share one session)', async () => {
    database = await freshDatabase(kind);
    const registered = sql<{ n: number }>`select ${41}::int + 1 as n, 'named' as tag`.compile(database.db);
    const unnamed = sql<{ n: number }>`select ${1}::int + 1 as n, 'unnamed' as tag`.compile(database.db);
    runByName(registered.sql);
    const prepared = await database.db.transaction().execute(async (trx) => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await trx.executeQuery(registered)).rows[0]?.n);
      answers.push((await trx.executeQuery(unnamed)).rows[0]?.n);
      expect(answers).toEqual([42, 42, 42, 2]);
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      return rows;
    });
    if (kind === 'postgres') {
      expect(prepared).toHaveLength(1); // the registered one, once, though run three times on this connection
      expect(prepared[0]!.statement).toBe(registered.sql);
      expect(prepared[0]!.name).toMatch(/^parindex_\d+$/);
    } else {
      expect(prepared).toEqual([]);
    }
  });
});
