import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { mixPool, openLink, submitAnswers } from './respond.service';

const TokenParams = z.object({ token: z.string().min(1).max(100) });
const RespondErrors = { ...errorResponses, 410: errorResponses[404] };

/** Routes under /api/respond/:token — the public answering page (no login; rate limited per IP). */
export default async function respondRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: app.config.respondRateLimitPerMinute, timeWindow: '1 minute' };

  r.get('/:token', {
    config: { roles: 'public', rateLimit },
    schema: {
      tags: ['respond'], summary: 'Open a personal survey link: the campaign and questionnaire (never who the link belongs to)', params: TokenParams,
      response: {
        200: z.object({ campaign: z.object({ name: z.string(), year: z.number() }), deadline: z.string().nullable(), questionnaire: z.object({ id: z.string(), version: z.number() }), group: z.string() }),
        ...RespondErrors,
      },
    },
  }, async (request) => openLink(app.db, request.params.token));

  r.post('/:token', {
    config: { roles: 'public', rateLimit },
    schema: {
      tags: ['respond'], summary: 'Submit the answers once; they are stored apart from the respondent\'s identity', params: TokenParams,
      body: z.object({ answers: z.record(z.string().max(100), z.unknown()) }),
      response: { 201: z.object({ ok: z.literal(true) }), ...RespondErrors },
    },
  }, async (request, reply) => {
    const campaignId = await app.db.transaction().execute((trx) => submitAnswers(trx, request.params.token, request.body.answers));
    // a separate transaction from the respondent's: see mixPool
    await app.db.transaction().execute((trx) => mixPool(trx, campaignId));
    return reply.status(201).send({ ok: true as const });
  });
}
