import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_USER } from '../../http/roles';
import { errorResponses } from '../../http/schemas';
import { requireUser } from '../../plugins/app/auth';
import { myAssessmentCampaigns } from './mine.repository';

/** GET /api/assessment/campaigns — where a unit officer, an appraiser or the staff find their self-assessment work. */
export default async function myAssessmentRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/campaigns', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['assessment'],
      summary: 'The self-assessment campaigns the caller takes part in (officer: their unit; appraiser: assigned; staff: all)',
      response: {
        200: z.object({
          campaigns: z.array(z.object({ id: z.string(), name: z.string(), year: z.number(), unitId: z.string().nullable(), unitName: z.string().nullable() })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ campaigns: await myAssessmentCampaigns(app.db, requireUser(request)) }));
}
