import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { loadPoolKey } from './answer-pool-key';
import { campaignsWithPending, mixPool, openLink, submitAnswers } from './respond.service';

const TokenParams = z.object({ token: z.string().min(1).max(100) });
const RespondErrors = { ...errorResponses, 410: errorResponses[404] };

/** Routes under /api/respond/:token — the public answering page (no login; rate limited per IP). */
export default async function respondRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: app.config.respondRateLimitPerMinute, timeWindow: '1 minute' };
  const poolKey = loadPoolKey(app.config);

  /** Releases what can be released, in a transaction of its own; a failure leaves the answers safely sealed. */
  const mix = async (campaignId: string) => {
    try {
      const outcome = await app.db.transaction().execute((trx) => mixPool(trx, campaignId));
      if (outcome.unreadable > 0) app.log.error({ campaignId, unreadable: outcome.unreadable }, 'pending leadership answers sealed with another key: set ANSWER_POOL_KEY (or restore answer-pool.key) to the key that sealed them');
    } catch (e) {
      app.log.error({ err: e, campaignId }, 'mixing the leadership answer pool failed; the answers stay sealed until the next answer or the close');
    }
  };
  // a crash between an answer and its mix leaves a full group sealed: release it at start-up
  app.addHook('onReady', async () => {
    for (const campaignId of await campaignsWithPending(app.db)) await mix(campaignId);
  });

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
    const campaignId = await app.db.transaction().execute((trx) => submitAnswers(trx, poolKey, request.params.token, request.body.answers));
    // the answer is stored: mixing is a separate transaction (never the respondent's) and cannot undo it
    await mix(campaignId);
    return reply.status(201).send({ ok: true as const });
  });
}
