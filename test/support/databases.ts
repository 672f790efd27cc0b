import pg from 'pg';
import { describe, it } from 'vitest';
import { testConfig } from './test-config';

import type { DbKind } from './fresh-database';

export { freshDatabase, type DbKind } from './fresh-database';

/** Is the real PostgreSQL of TEST_DATABASE_URL reachable? (null = yes, else the reason it is not) */
async function postgresProblem(): Promise<string | null> {
  if (!testConfig.testDatabaseUrl) return 'TEST_DATABASE_URL is not set';
  const client = new pg.Client({ connectionString: testConfig.testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return `PostgreSQL at TEST_DATABASE_URL does not answer: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await postgresProblem();

/**
 * Runs a suite once per database: always on embedded PGlite, and on the real PostgreSQL of TEST_DATABASE_URL.
 * Without PostgreSQL the real-server suite fails under CI=true and is skipped, saying why, elsewhere.
 */
export function describeEachDb(name: string, body: (kind: DbKind) => void) {
  describe(`${name} [pglite]`, () => body('pglite'));
  if (!problem) {
    describe(`${name} [postgres]`, () => body('postgres'));
  } else if (testConfig.ci) {
    describe(`${name} [postgres]`, () => {
      it('needs a real PostgreSQL under CI', () => {
        throw new Error(`CI=true but ${problem}. .ci/run must start PostgreSQL and export TEST_DATABASE_URL.`);
      });
    });
  } else {
    describe.skip(`${name} [postgres] — SKIPPED: ${problem}`, () => body('postgres'));
  }
}
