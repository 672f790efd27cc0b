import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams } from '../../http/schemas';
import { ADMINS } from '../../http/roles';
import { createUser, listUsers, updateUser } from './service';

const RoleEnum = z.enum(['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser']);
const UserOut = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: RoleEnum, active: z.boolean(),
  /** unit officers: the unit they belong to */
  unitId: z.string().nullable(), unitName: z.string().nullable(), email: z.string().nullable(),
});
const Email = z.string().trim().max(254).email();

export default async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: ADMINS },
    schema: { tags: ['users'], summary: 'List accounts', response: { 200: z.object({ users: z.array(UserOut) }), ...errorResponses } },
  }, async () => ({ users: await listUsers(app.db) }));

  r.post('/', {
    config: { roles: ADMINS },
    schema: {
      tags: ['users'],
      summary: 'Create an account',
      body: z.object({
        username: z.string().trim().min(3).max(64).regex(/^[a-zA-Z0-9._@-]+$/),
        displayName: z.string().trim().min(1).max(200),
        role: RoleEnum,
        password: z.string().min(10).max(200),
        unitId: z.string().uuid().nullable().optional(),
        email: Email.nullable().optional(),
      }),
      response: { 201: z.object({ user: UserOut }), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send({ user: await createUser(app.db, request.body) }));

  r.patch('/:id', {
    config: { roles: ADMINS },
    schema: {
      tags: ['users'],
      summary: 'Change an account (name, role, unit of a unit officer, e-mail, active, password)',
      params: IdParams,
      body: z.object({
        displayName: z.string().trim().min(1).max(200).optional(),
        role: RoleEnum.optional(),
        active: z.boolean().optional(),
        password: z.string().min(10).max(200).optional(),
        unitId: z.string().uuid().nullable().optional(),
        email: Email.nullable().optional(),
      }),
      response: { 200: z.object({ user: UserOut }), ...errorResponses },
    },
  }, async (request) => ({ user: await updateUser(app.db, request.params.id, request.body) }));
}
