import type { FastifyInstance } from 'fastify';

/** Phases, appraiser assignments, sheets, self-assessment, submit, approval, reopen, history (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/campaigns/:campaignId/assessment. */
export default async function assessmentRoutes(_app: FastifyInstance) {}
