import type { FastifyInstance } from 'fastify';

/** Routes under /api/campaigns/:campaignId/report — the province-wide report of all the campaign's units. */
export default async function provinceReportRoutes(_app: FastifyInstance) {}
