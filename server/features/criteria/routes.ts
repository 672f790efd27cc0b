import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { STAFF } from '../../http/roles';
import { notFound } from '../../errors';
import { BandSetOut, CriterionOut } from './schemas';
import { listBandSets, listCriteriaSets, loadCriteriaSet } from './repository';

export default async function criteriaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/criteria-sets', {
    config: { roles: STAFF },
    schema: {
      tags: ['criteria'],
      summary: 'Criteria sets (versioned)',
      response: {
        200: z.object({ criteriaSets: z.array(z.object({ code: z.string(), year: z.number(), name: z.string(), maxPoints: z.number(), leafCount: z.number() })) }),
        ...errorResponses,
      },
    },
  }, async () => ({
    criteriaSets: (await listCriteriaSets(app.db)).map((s) => ({
      code: s.code,
      year: s.year,
      name: s.name,
      maxPoints: Math.round(Number(s.max_points) * 1e6) / 1e6,
      leafCount: Number(s.leaf_count),
    })),
  }));

  r.get('/criteria-sets/:code', {
    config: { roles: STAFF },
    schema: {
      tags: ['criteria'],
      summary: 'One criteria set with all its criteria',
      params: z.object({ code: z.string().min(1).max(100) }),
      response: {
        200: z.object({ criteriaSet: z.object({ code: z.string(), year: z.number(), name: z.string(), criteria: z.array(CriterionOut) }) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const set = await loadCriteriaSet(app.db, request.params.code);
    if (!set) throw notFound({ vi: `bộ tiêu chí "${request.params.code}"`, en: `Criteria set "${request.params.code}"` });
    return { criteriaSet: set };
  });

  r.get('/band-sets', {
    config: { roles: STAFF },
    schema: { tags: ['criteria'], summary: 'Named band sets (xếp loại)', response: { 200: z.object({ bandSets: z.array(BandSetOut) }), ...errorResponses } },
  }, async () => ({ bandSets: await listBandSets(app.db) }));
}
