import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams } from '../../http/schemas';
import { ADMINS } from '../../http/roles';
import { createUser, listUsers, updateUser } from './service';
import { NewPassword } from '../auth/routes';
import { requireUser } from '../../plugins/app/auth';

const RoleEnum = z.enum(['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser']);
const UserOut = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: RoleEnum, active: z.boolean(),
  /** unit officers: the unit they belong to */
  unitId: z.string().nullable(), unitName: z.string().nullable(), email: z.string().nullable(),
  /** the password was set by an admin or generated: the person must set their own at the next login */
  mustChangePassword: z.boolean(),
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
        password: NewPassword,
        /** default true: the admin chose the password, so the person sets their own at the first login */
        mustChangePassword: z.boolean().default(true),
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
      summary: 'Change an account (name, role, unit of a unit officer, e-mail, active, password); a password reset asks the person to change it at the next login unless mustChangePassword is false',
      params: IdParams,
      body: z.object({
        displayName: z.string().trim().min(1).max(200).optional(),
        role: RoleEnum.optional(),
        active: z.boolean().optional(),
        password: NewPassword.optional(),
        /** with a password: default true (the admin knows it); alone: set or clear the mark */
        mustChangePassword: z.boolean().optional(),
        unitId: z.string().uuid().nullable().optional(),
        email: Email.nullable().optional(),
      }),
      response: { 200: z.object({ user: UserOut }), ...errorResponses },
    },
  }, async (request) => {
    const { password, mustChangePassword } = request.body;
    // a password set by an admin for someone else is a temporary one; an admin's own new password is not
    const mark = mustChangePassword ?? (password !== undefined && request.params.id !== requireUser(request).id ? true : undefined);
    return { user: await updateUser(app.db, request.params.id, { ...request.body, mustChangePassword: mark }) };
  });
}
