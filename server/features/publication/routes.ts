import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { PublicationRef, PublicationStatusOut } from './schemas';
import { publicationStatus, publishCampaign, withdrawCampaign } from './service';

const Params = z.object({ campaignId: z.string().uuid() });

/** /api/campaigns/:campaignId/publication — an analyst or admin publishes the approved results (a new snapshot version) or withdraws them. */
export default async function publicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: { tags: ['publication'], summary: 'Whether the campaign is published (version, when), every version with who published / withdrew it, and what blocks publishing', params: Params, response: { 200: PublicationStatusOut, ...errorResponses } },
  }, async (request) => publicationStatus(app.db, request.params.campaignId));

  r.post('/', {
    config: { roles: EDITORS },
    schema: { tags: ['publication'], summary: 'Publish the council-approved results: a snapshot of the figures becomes the public page (a new version each time; audited)', params: Params, response: { 201: PublicationRef, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const out = await app.db.transaction().execute((trx) => publishCampaign(trx, request.params.campaignId, user.id));
    return reply.status(201).send(out);
  });

  r.delete('/', {
    config: { roles: EDITORS },
    schema: { tags: ['publication'], summary: 'Withdraw the publication: the public page and API answer 404 for the campaign (the snapshot is kept; audited)', params: Params, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await app.db.transaction().execute((trx) => withdrawCampaign(trx, request.params.campaignId, user.id));
    return reply.status(204).send(null);
  });
}
