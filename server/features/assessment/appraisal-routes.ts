import type { FastifyInstance } from 'fastify';

/** Appraisal, response, final appraisal, queue, progress, council workbook (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/campaigns/:campaignId/assessment. */
export default async function appraisalRoutes(_app: FastifyInstance) {}
