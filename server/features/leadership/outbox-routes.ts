import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { ADMINS } from '../../http/roles';

/** GET /api/mail-outbox — e-mail delivered to the database when no SMTP server is configured (admins only). */
export default async function outboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/', {
    config: { roles: ADMINS },
    schema: {
      tags: ['mail'], summary: 'Messages delivered to the in-app outbox (no SMTP_URL)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0), to: z.string().max(300).optional() }),
      response: {
        200: z.object({ smtp: z.boolean(), total: z.number(), messages: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), body: z.string(), deliveredAt: z.string() })) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    let q = app.db.selectFrom('mail_outbox');
    if (request.query.to) q = q.where('to_address', '=', request.query.to.toLowerCase());
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('delivered_at', 'desc').orderBy('id').limit(request.query.limit).offset(request.query.offset).execute();
    return {
      smtp: app.mailer.transport.kind === 'smtp',
      total: Number(total.n),
      messages: rows.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, body: m.body, deliveredAt: new Date(m.delivered_at).toISOString() })),
    };
  });
}
