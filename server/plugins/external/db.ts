import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
  }
}

/** Makes the Kysely instance available as `app.db`. The database is opened (and closed) by the caller. */
export default fp<{ database: Database }>(async (app, opts) => {
  app.decorate('db', opts.database.db);
}, { name: 'db' });
