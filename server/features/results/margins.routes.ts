import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Uuid, Bilingual as Text } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { listMargins, replaceMarginsCsv } from './margins.service';

const Params = z.object({ campaignId: Uuid });
const MarginsOut = z.object({
  variables: z.array(z.object({
    variable: z.string(),
    label: Text,
    kind: z.enum(['single', 'age_band']),
    categories: z.array(z.object({ value: z.string(), label: Text })),
  })),
  rows: z.array(z.object({ variable: z.string(), category: z.string(), population: z.number() })),
  totals: z.array(z.object({ variable: z.string(), total: z.number() })),
  consistent: z.boolean(),
});

/** Routes under /api/campaigns/:campaignId/results/margins — known population totals to rake the SIPAS weights to. */
export default async function marginRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['results'],
      summary: 'Raking margins of the campaign (population per category of a demographic variable) and the variables available',
      params: Params,
      response: { 200: MarginsOut, ...errorResponses },
    },
  }, async (request) => listMargins(app.db, request.params.campaignId));

  r.put('/', {
    config: { roles: EDITORS },
    schema: {
      tags: ['results'],
      summary: 'Replace the raking margins with a CSV `variable,category,population` — checked row by row, all rows or none',
      params: Params,
      body: z.object({ text: z.string().min(1).max(1_000_000) }),
      response: { 200: MarginsOut, ...errorResponses },
    },
  }, async (request) => app.db.transaction().execute((trx) => replaceMarginsCsv(trx, request.params.campaignId, request.body.text)));
}
