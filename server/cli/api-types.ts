import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';

/** Where the web's API types live (checked in; `npm run gen:api` writes it, test/web/api-types.test.ts checks it). */
export const API_TYPES_FILE = 'web/shared/api/generated/openapi.d.ts';

/**
 * The OpenAPI document the server serves at /api/docs/json, made without a database or a listening socket:
 * the app is built on a Kysely that compiles queries but never runs one (no route is called).
 */
export async function openApiDocument(): Promise<OpenAPI3> {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const database = { db, pool: null, kind: 'postgres', close: () => db.destroy() } as unknown as Database;
  // nothing is written: no data directory of the project, no key file (a fixed key that never seals anything)
  const config = loadConfig({
    LOG_LEVEL: 'silent', MAIL_SENDER_INTERVAL_MS: '0', WEB_DIST: './no-web',
    DATA_DIR: join(tmpdir(), 'parindex-gen-api'), ANSWER_POOL_KEY: `${'A'.repeat(43)}=`,
  });
  const app = await buildApp(config, database, { logger: false });
  try {
    await app.ready();
    return app.swagger() as unknown as OpenAPI3;
  } finally {
    await app.close();
    await database.close();
  }
}

/** The TypeScript types of every /api operation (openapi-typescript), as the checked-in file holds them. */
export async function generateApiTypes(): Promise<string> {
  const doc = await openApiDocument();
  // a prefix's own route is documented as '/api/campaigns/'; the web calls it (and Fastify serves it) without the slash
  const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([path, item]) => [path.replace(/(?<=.)\/$/, ''), item]));
  const ast = await openapiTS({ ...doc, paths }, { alphabetize: true });
  return [
    '// Generated from the server\'s OpenAPI document by `npm run gen:api` (server/cli/gen-api.ts). Do not edit:',
    '// change the route\'s zod schema and regenerate; test/web/api-types.test.ts fails when this file is stale.',
    '',
    astToString(ast),
  ].join('\n');
}
