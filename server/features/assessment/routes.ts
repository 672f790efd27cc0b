import type { FastifyInstance } from 'fastify';
import phaseRoutes from './phase-routes';
import sheetRoutes from './sheet-routes';

/** Phases, appraiser assignments, sheets, self-assessment, submit, approval, reopen, history (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/campaigns/:campaignId/assessment. */
export default async function assessmentRoutes(app: FastifyInstance) {
  await app.register(phaseRoutes);
  await app.register(sheetRoutes);
}
