import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, errorResponses, Uuid } from '../../http/schemas';
import { EDITORS } from '../../http/roles';
import { AppError } from '../../errors';
import { requireUser } from '../../plugins/app/auth';
import { loadScoreContext } from '../content-scores/context';
import { editScore } from '../content-scores/edit.service';
import { listScores } from '../content-scores/repository';
import { scoreTreeFor } from '../content-scores/tree';

/**
 * PUT /api/campaigns/:campaignId/units/:unitId/not-applicable — a criterion does not apply to one unit (e.g. a
 * department without administrative procedures): the engine scores the unit out of the reduced maximum
 * (PAR-INDEX.md §5, Hà Nam: /60). The reason is required and kept; the change goes through the audited score edit.
 */
export default async function notApplicableRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put('/campaigns/:campaignId/units/:unitId/not-applicable', {
    config: { roles: EDITORS },
    schema: {
      tags: ['criteria'],
      summary: 'Mark a leaf criterion not applicable to a unit (reason required) or applicable again; audited',
      params: z.object({ campaignId: Uuid, unitId: Uuid }),
      body: z.object({
        criterionCode: z.string().min(1).max(20),
        notApplicable: z.boolean(),
        reason: z.string().trim().max(2000).nullable().optional(),
      }),
      response: {
        200: z.object({
          criterionCode: z.string(),
          notApplicable: z.boolean(),
          reason: z.string().nullable(),
          /** the unit's total and maximum after the change (the maximum drops by the criterion's points) */
          total: z.number().nullable(),
          max: z.number(),
        }),
        ...errorResponses,
        422: ErrorBody,
      },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId, unitId } = request.params;
    const { criterionCode, notApplicable } = request.body;
    const reason = request.body.reason?.trim() || null;
    if (notApplicable && !reason) {
      throw new AppError(422, 'validation', {
        vi: `Trường reason: cần ghi lý do tiêu chí ${criterionCode} không áp dụng cho đơn vị.`,
        en: `Field reason: say why criterion ${criterionCode} does not apply to the unit.`,
      }, { field: 'reason' });
    }
    return app.db.transaction().execute(async (trx) => {
      const ctx = await loadScoreContext(trx, campaignId, unitId);
      await editScore(trx, ctx, user.id, criterionCode, { notApplicable, notApplicableReason: notApplicable ? reason : null });
      const { tree } = scoreTreeFor(ctx.set, await listScores(trx, campaignId, unitId), ctx.bandSet);
      return { criterionCode, notApplicable, reason: notApplicable ? reason : null, total: tree.total, max: tree.max };
    });
  });
}
