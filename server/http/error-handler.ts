import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';
import { databaseUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable';

/** Maps errors to `{error: {code, message, message_vi}}`. 5xx details are logged, never sent. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // the database restarting or failing over: 503, retryable (the client sends the same request again)
    const outage = !(err instanceof AppError) && isDatabaseUnavailable(err);
    if (outage) request.log.warn({ err }, 'database unavailable');
    const known = outage ? databaseUnavailable() : err;
    if (known instanceof AppError) {
      const retryable = known.code === 'database_unavailable';
      if (retryable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(known.statusCode).send({
        error: { code: known.code, message: known.messages.en, message_vi: known.messages.vi, details: known.details, ...(retryable ? { retryable } : {}) },
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
