import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams, Uuid } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { createLineageEvent, deleteLineage, listLineage } from './lineage.service';

const UnitShareOut = z.object({ unitId: z.string(), code: z.string(), name: z.string(), share: z.number() });
const LineageEventOut = z.object({
  id: z.string(),
  kind: z.enum(['merge', 'split', 'rename']),
  effectiveOn: z.string(),
  shareBasis: z.enum(['population', 'figure']),
  note: z.string().nullable(),
  predecessors: z.array(UnitShareOut),
  successors: z.array(UnitShareOut),
});
const UnitShareIn = z.object({ unitId: Uuid, share: z.number().positive().max(1e12).default(1) });

/** GET/POST /api/units/lineage, DELETE /api/units/lineage/:id (./README.md). */
export default async function lineageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/lineage', {
    config: { roles: STAFF },
    schema: { tags: ['units'], summary: 'Lineage events: merges, splits and renames with predecessors\' shares, newest first', response: { 200: z.object({ events: z.array(LineageEventOut) }), ...errorResponses } },
  }, async () => ({ events: await listLineage(app.db) }));

  r.post('/lineage', {
    config: { roles: EDITORS },
    schema: {
      tags: ['units'],
      summary: 'Record a merge (n → 1, each predecessor\'s share), split (1 → n, each successor\'s share) or rename (1 → 1); audited',
      body: z.object({
        kind: z.enum(['merge', 'split', 'rename']),
        effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real day YYYY-MM-DD'),
        shareBasis: z.enum(['population', 'figure']).default('population'),
        note: z.string().trim().max(2000).nullable().default(null),
        predecessors: z.array(UnitShareIn).min(1).max(200),
        successors: z.array(UnitShareIn).min(1).max(200),
      }),
      response: { 201: z.object({ event: LineageEventOut }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const event = await app.db.transaction().execute((trx) => createLineageEvent(trx, request.body, user.id));
    return reply.status(201).send({ event });
  });

  r.delete('/lineage/:id', {
    config: { roles: EDITORS },
    schema: { tags: ['units'], summary: 'Remove a lineage event (audited)', params: IdParams, response: { 200: z.object({ deleted: z.string() }), ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await app.db.transaction().execute((trx) => deleteLineage(trx, request.params.id, user.id));
    return { deleted: request.params.id };
  });
}
