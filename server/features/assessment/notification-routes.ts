import type { FastifyInstance } from 'fastify';

/** What changed for me: in-app notifications (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/notifications. */
export default async function notificationRoutes(_app: FastifyInstance) {}
