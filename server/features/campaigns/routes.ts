import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams, Uuid } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './service';

const Status = z.enum(['draft', 'fieldwork', 'closed']);
const CampaignOut = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  criteriaSetCode: z.string(),
  bandSetCode: z.string(),
  status: Status,
  previousCampaignId: z.string().nullable(),
  unitIds: z.array(z.string()),
});

export default async function campaignRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'All campaigns', response: { 200: z.object({ campaigns: z.array(CampaignOut) }), ...errorResponses } },
  }, async () => ({ campaigns: await listCampaigns(app.db) }));

  r.post('/', {
    config: { roles: EDITORS },
    schema: {
      tags: ['campaigns'],
      summary: 'Create a campaign (year, criteria set, band set, units assessed)',
      body: z.object({
        name: z.string().trim().min(1).max(300),
        year: z.number().int().min(2000).max(2100),
        criteriaSetCode: z.string().min(1).max(100),
        bandSetCode: z.string().min(1).max(100),
        unitIds: z.array(Uuid).max(5000),
        previousCampaignId: Uuid.nullable().default(null),
      }),
      response: { 201: z.object({ campaign: CampaignOut }), ...errorResponses },
    },
  }, async (request, reply) => {
    const campaign = await app.db.transaction().execute((trx) => createCampaign(trx, request.body));
    return reply.status(201).send({ campaign });
  });

  r.get('/:id', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'One campaign', params: IdParams, response: { 200: z.object({ campaign: CampaignOut }), ...errorResponses } },
  }, async (request) => ({ campaign: await getCampaign(app.db, request.params.id) }));

  r.patch('/:id', {
    config: { roles: EDITORS },
    schema: {
      tags: ['campaigns'],
      summary: 'Change a campaign (name, status, units, band set, previous campaign)',
      params: IdParams,
      body: z.object({
        name: z.string().trim().min(1).max(300).optional(),
        status: Status.optional(),
        unitIds: z.array(Uuid).max(5000).optional(),
        bandSetCode: z.string().min(1).max(100).optional(),
        previousCampaignId: Uuid.nullable().optional(),
      }),
      response: { 200: z.object({ campaign: CampaignOut }), ...errorResponses },
    },
  }, async (request) => ({
    campaign: await app.db.transaction().execute((trx) => updateCampaign(trx, request.params.id, request.body)),
  }));
}
