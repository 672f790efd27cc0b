import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams, Uuid } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { createUnit, listUnits, updateUnit } from './service';
import lineageRoutes from './lineage.routes';
import unitTreeImportRoutes from './tree-import.routes';

const Kind = z.enum(['province', 'department', 'district', 'commune']);
export const UnitOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  kind: Kind,
  group: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** 'YYYY-MM-DD': the days the unit exists (a commune merged away on 1 July 2025 ends 2025-06-30) */
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export default async function unitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: { tags: ['units'], summary: 'All units (a tree by parentId)', response: { 200: z.object({ units: z.array(UnitOut) }), ...errorResponses } },
  }, async () => ({ units: await listUnits(app.db) }));

  r.post('/', {
    config: { roles: EDITORS },
    schema: {
      tags: ['units'],
      summary: 'Add a unit',
      body: z.object({
        code: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_.-]+$/),
        name: z.string().trim().min(1).max(300),
        parentId: Uuid.nullable(),
        kind: Kind,
        group: z.string().trim().min(1).max(50).nullable(),
      }),
      response: { 201: z.object({ unit: UnitOut }), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send({ unit: await createUnit(app.db, request.body) }));

  r.patch('/:id', {
    config: { roles: EDITORS },
    schema: {
      tags: ['units'],
      summary: 'Rename a unit, change its ranking group or its location (for the GPS check of fieldwork)',
      params: IdParams,
      body: z.object({
        name: z.string().trim().min(1).max(300).optional(),
        group: z.string().trim().min(1).max(50).nullable().optional(),
        latitude: z.number().min(-90).max(90).nullable().optional(),
        longitude: z.number().min(-180).max(180).nullable().optional(),
      }),
      response: { 200: z.object({ unit: UnitOut }), ...errorResponses },
    },
  }, async (request) => ({ unit: await updateUnit(app.db, request.params.id, request.body) }));

  await app.register(unitTreeImportRoutes);
  await app.register(lineageRoutes);
}
