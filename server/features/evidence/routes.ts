import type { FastifyInstance } from 'fastify';

/** Evidence documents: upload, list, link to leaves, download/preview, delete (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api (full paths: /campaigns/:campaignId/units/:unitId/evidence…, /evidence/:documentId/content). */
export default async function evidenceRoutes(_app: FastifyInstance) {}
