import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';

/**
 * GET /api/health — for load balancers, monitoring and phones deciding when to resend: 200 when the database
 * answers, 503 database_unavailable (retryable, Retry-After) when it does not. No session needed; says nothing else.
 */
export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/', {
    config: { roles: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Whether the server and its database answer (200) or the database does not (503)',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }), ...errorResponses },
    },
  }, async () => {
    await sql`select 1`.execute(app.db); // a database that does not answer throws: 503 by the error handler
    return { status: 'ok' as const, database: app.databaseKind };
  });
}
