import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    databaseKind: Database['kind'];
  }
}

/**
 * Makes the Kysely instance available as `app.db` (and which database it is as `app.databaseKind`). The database is
 * opened (and closed) by the caller. On PGlite, a transaction holds the one session until it ends: inside
 * `app.db.transaction().execute(trx => …)` use only `trx`, never `app.db` (that query would wait for the session
 * the transaction holds, for ever).
 */
export default fp<{ database: Database }>(async (app, opts) => {
  app.decorate('db', opts.database.db);
  app.decorate('databaseKind', opts.database.kind);
}, { name: 'db' });
