import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI generated from the route schemas. Each operation carries `x-roles`: the roles allowed
 * (or "public"), taken from the route's `config.roles` — the role test walks this document.
 */
export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      // 3.1 (JSON Schema 2020-12): tuples (confidence intervals) and null keep their exact types in the generated web types
      openapi: '3.1.0',
      info: { title: 'ParIndex API', version: '0.1.0', description: 'PAR INDEX surveys and scoring' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      const roles = (args.route.config as { roles?: unknown } | undefined)?.roles;
      return { ...out, schema: { ...out.schema, 'x-roles': roles ?? 'undeclared' } as typeof out.schema };
    },
    // schemas named with .meta({ id }) (the recursive score node) go to components/schemas, where their $refs point
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}, { name: 'swagger' });
