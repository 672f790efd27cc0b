import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

/** Maps errors to `{error: {code, message, message_vi}}`. 5xx details are logged, never sent. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({
        error: { code: err.code, message: err.messages.en, message_vi: err.messages.vi, details: err.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        where: `${err.validationContext ?? 'request'}${v.instancePath || ''}`,
        message: v.message ?? 'invalid',
      }));
      const where = issues.map((i) => `${i.where}: ${i.message}`).join('; ');
      return reply.status(400).send({
        error: {
          code: 'validation',
          message: `Invalid request: ${where}`,
          message_vi: `Yêu cầu không hợp lệ: ${where}`,
          details: issues,
        },
      });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({
        error: { code: 'rate_limited', message: 'Too many attempts; try again later.', message_vi: 'Quá nhiều lần thử; vui lòng thử lại sau.' },
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({
        error: { code: err.code ?? 'bad_request', message: err.message, message_vi: err.message },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Internal error.', message_vi: 'Lỗi hệ thống.' } });
  });
}
