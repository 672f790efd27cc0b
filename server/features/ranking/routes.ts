import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { STAFF } from '../../http/roles';
import { BandSetOut } from '../criteria/schemas';
import { BaselineSchema } from '../units/baseline.schema';
import { campaignRanking } from './service';

/** GET /api/campaigns/:campaignId/ranking */
export default async function rankingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['ranking'],
      summary: 'Units ranked within their groups, with bands, group averages and change from the previous campaign',
      params: z.object({ campaignId: z.string().uuid() }),
      response: {
        200: z.object({
          bandSet: BandSetOut,
          units: z.array(z.object({
            unitId: z.string(),
            unit: z.string(),
            group: z.string(),
            score: z.number(),
            max: z.number(),
            index: z.number(),
            rank: z.number(),
            band: z.string().nullable(),
            change: z.object({ score: z.number(), percent: z.number(), rank: z.number().nullable() }).nullable(),
            /** what change is measured against: the unit's own previous result or its lineage (merge, split, rename) */
            baseline: BaselineSchema.nullable(),
          })),
          groups: z.array(z.object({ group: z.string(), average: z.number(), count: z.number() })),
          /** self-assessment campaigns rank council-approved units only; these are not approved yet */
          notApproved: z.object({ count: z.number(), units: z.array(z.object({ unitId: z.string(), unit: z.string() })) }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => campaignRanking(app.db, request.params.campaignId));
}
