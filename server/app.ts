import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Database } from './db/database';
import dbPlugin from './plugins/external/db';
import securityPlugin from './plugins/external/security';
import swaggerPlugin from './plugins/external/swagger';
import authPlugin from './plugins/app/auth';
import { installErrorHandler } from './http/error-handler';
import { AppError } from './errors';
import authRoutes from './features/auth/routes';
import userRoutes from './features/users/routes';
import unitRoutes from './features/units/routes';
import criteriaRoutes from './features/criteria/routes';
import campaignRoutes from './features/campaigns/routes';
import contentScoreRoutes from './features/content-scores/routes';
import rankingRoutes from './features/ranking/routes';
import fieldworkRoutes from './features/fieldwork/routes';
import campaignFieldworkRoutes from './features/fieldwork/campaign-routes';
import leadershipRoutes from './features/leadership/routes';
import respondRoutes from './features/leadership/respond-routes';
import outboxRoutes from './features/leadership/outbox-routes';
import mailerPlugin from './plugins/app/mailer';
import { leadershipMailQueue } from './features/leadership/mail-queue';
import { assessmentMailQueue } from './features/assessment/mail-queue';
import reportRoutes from './features/reports/routes';
import agencyRoutes from './features/reports/agency-routes';
import provinceReportRoutes from './features/reports/province-routes';
import resultRoutes from './features/results/routes';
import marginRoutes from './features/results/margins.routes';
import resultTrendRoutes from './features/results/trends.routes';
import microdataRoutes from './features/microdata/routes';
import healthRoutes from './features/health/routes';
import assessmentRoutes from './features/assessment/routes';
import appraisalRoutes from './features/assessment/appraisal-routes';
import notificationRoutes from './features/assessment/notification-routes';
import evidenceRoutes from './features/evidence/routes';
import myAssessmentRoutes from './features/assessment/mine-routes';
import publicationRoutes from './features/publication/routes';
import publicRoutes from './features/publication/public-routes';

/** TRUST_PROXY as a hop count: the n proxies nearest the server may set X-Forwarded-For (Fastify's own rule for a number). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

/**
 * The whole app as a plugin tree: external plugins (db, security, swagger) first, then app plugins (auth),
 * then routes. The caller opens the database and closes it after `app.close()`.
 */
export async function buildApp(config: AppConfig, database: Database, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    // the client IP (rate limits, login throttling) is the socket's unless TRUST_PROXY names the proxies in front
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 20 * 1024 * 1024,
  });
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(dbPlugin, { database });
  await app.register(securityPlugin);
  await app.register(swaggerPlugin);
  await app.register(authPlugin);
  // the mail plugin drains the features' queues, known to it only as MailQueue (features/mail/queue.ts)
  await app.register(mailerPlugin, { queues: [leadershipMailQueue, assessmentMailQueue(config.assessment.reminderDays)] });

  await app.register(async (api) => {
    await api.register(healthRoutes, { prefix: '/health' });
    await api.register(authRoutes, { prefix: '/auth' });
    await api.register(userRoutes, { prefix: '/users' });
    await api.register(unitRoutes, { prefix: '/units' });
    await api.register(criteriaRoutes);
    await api.register(campaignRoutes, { prefix: '/campaigns' });
    await api.register(contentScoreRoutes, { prefix: '/campaigns/:campaignId/units/:unitId' });
    await api.register(rankingRoutes, { prefix: '/campaigns/:campaignId/ranking' });
    await api.register(campaignFieldworkRoutes, { prefix: '/campaigns/:campaignId/fieldwork' });
    await api.register(fieldworkRoutes, { prefix: '/fieldwork' });
    await api.register(leadershipRoutes, { prefix: '/campaigns/:campaignId/leadership' });
    await api.register(respondRoutes, { prefix: '/respond' });
    await api.register(outboxRoutes, { prefix: '/mail-outbox' });
    await api.register(reportRoutes, { prefix: '/campaigns/:campaignId/units/:unitId/report' });
    await api.register(agencyRoutes, { prefix: '/campaigns/:campaignId/agencies' });
    await api.register(provinceReportRoutes, { prefix: '/campaigns/:campaignId/report' });
    await api.register(resultRoutes, { prefix: '/campaigns/:campaignId/results' });
    await api.register(marginRoutes, { prefix: '/campaigns/:campaignId/results/margins' });
    await api.register(resultTrendRoutes, { prefix: '/campaigns/:campaignId/results/trends' });
    await api.register(microdataRoutes, { prefix: '/campaigns/:campaignId' });
    await api.register(assessmentRoutes, { prefix: '/campaigns/:campaignId/assessment' });
    await api.register(appraisalRoutes, { prefix: '/campaigns/:campaignId/assessment' });
    await api.register(notificationRoutes, { prefix: '/notifications' });
    await api.register(evidenceRoutes);
    await api.register(myAssessmentRoutes, { prefix: '/assessment' });
    await api.register(publicationRoutes, { prefix: '/campaigns/:campaignId/publication' });
    // no login: published results only (features/publication)
    await api.register(publicRoutes, { prefix: '/public' });
  }, { prefix: '/api' });

  const webRoot = resolve(config.webDist);
  const hasWeb = existsSync(resolve(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  // the enumerator's PWA lives under /enumerator/ (its service worker's scope)
  if (hasWeb) app.get('/enumerator', { schema: { hide: true } }, (_request, reply) => reply.redirect('/enumerator/', 301));
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && hasWeb && !request.url.startsWith('/api/')) {
      // client-side routes of the two single-page apps: the enumerator's PWA and the main app
      const enumeratorApp = request.url.startsWith('/enumerator/') && existsSync(resolve(webRoot, 'enumerator/index.html'));
      return reply.sendFile(enumeratorApp ? 'enumerator/index.html' : 'index.html');
    }
    throw new AppError(404, 'not_found', { vi: 'Không tìm thấy địa chỉ này.', en: 'No such route.' });
  });
  return app;
}
