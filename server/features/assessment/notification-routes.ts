import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_USER } from '../../http/roles';
import { Bilingual, errorResponses } from '../../http/schemas';
import { AppError } from '../../errors';
import { requireUser } from '../../plugins/app/auth';
import { listNotifications, markRead } from './notifications.service';

const NotificationOut = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  campaignId: z.string().nullable(),
  unitId: z.string().nullable(),
  criterionCode: z.string().nullable(),
  message: Bilingual,
  readAt: z.string().nullable(),
});

/** What changed for me: in-app notifications (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/notifications. */
export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['notifications'],
      summary: 'My notifications, newest first, and how many are unread',
      querystring: z.object({ unread: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ notifications: z.array(NotificationOut), unread: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return listNotifications(app.db, user.id, { unreadOnly: request.query.unread === 'true', limit: request.query.limit });
  });

  r.post('/:id/read', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['notifications'],
      summary: 'Mark one of my notifications read (anyone else\'s: 404)',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/) }),
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    if (!(await markRead(app.db, user.id, request.params.id))) {
      throw new AppError(404, 'not_found', { vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' });
    }
    return { ok: true as const };
  });
}
