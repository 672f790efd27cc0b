import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Bilingual, errorResponses, Uuid } from '../../http/schemas';
import { STAFF } from '../../http/roles';
import { resultTrends } from './trends.service';

const Part = z.object({ score: z.number(), max: z.number() });
const SipasRate = { accepted: z.number(), received: z.number(), target: z.number().nullable(), rate: z.number().nullable() };
const LeadershipRate = { invited: z.number(), failed: z.number(), answered: z.number(), rate: z.number().nullable() };

const TrendsOut = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  trend: z.array(z.object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    units: z.array(z.object({
      unitId: z.string(),
      name: z.string(),
      group: z.string(),
      total: z.number(),
      max: z.number(),
      parts: z.object({ content: Part, leadership: Part, sipas: Part }),
      /** null: the unit's own result; else its predecessors' combined result in that campaign (lineage, issue 14) */
      via: z.object({ kind: z.string(), note: Bilingual }).nullable(),
    })),
  })),
  responseRates: z.object({
    sipas: z.object({
      overall: z.object(SipasRate),
      units: z.array(z.object({ unitId: z.string(), name: z.string(), ...SipasRate })),
    }),
    leadership: z.object({
      overall: z.object(LeadershipRate),
      groups: z.array(z.object({ group: z.string(), ...LeadershipRate })),
    }),
  }),
});

/** GET /api/campaigns/:campaignId/results/trends — totals over the years and the campaign's response rates. */
export default async function resultTrendRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['results'],
      summary: 'Totals, maxima and parts per unit along the previous-campaign chain (oldest first, at most 10), and SIPAS / leadership response rates',
      params: z.object({ campaignId: Uuid }),
      response: { 200: TrendsOut, ...errorResponses },
    },
  }, async (request) => resultTrends(app.db, request.params.campaignId));
}
