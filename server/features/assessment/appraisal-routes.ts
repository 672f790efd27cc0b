import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema';
import { EDITORS } from '../../http/roles';
import { ErrorBody, errorResponses, Uuid } from '../../http/schemas';
import { LeafParams, LeafStateOut, SheetParams, SheetStatusEnum } from './sheet-schemas';
import { requireUser } from '../../plugins/app/auth';
import { appraiseLeaf, closeResponse, finaliseLeaf, finaliseSheet, respondToLeaf } from './appraisal.service';
import { councilWorkbook } from './export.service';
import { progressMatrix } from './progress.service';
import { appraisalQueue } from './queue.service';

/** Who appraises: the appraisal team (their assigned fields; scope checked in the service) and staff. */
const APPRAISERS: readonly Role[] = ['admin', 'analyst', 'appraiser'];
/** Who answers a unit's lowered scores: its officers (own unit only) and staff. */
const RESPONDERS: readonly Role[] = ['admin', 'analyst', 'unit_officer'];

const Comment = z.string().max(10_000).nullable().optional();
const SheetStatus = SheetStatusEnum;
const AppraisalStatus = LeafStateOut.shape.appraisalStatus;
/** A leaf after an appraisal step: its state (as in the sheet) with its code and the sheet's status. */
const LeafOut = LeafStateOut.omit({ selfInputs: true, selfUpdatedAt: true }).extend({ code: z.string(), sheetStatus: SheetStatus });
/** 400: a missing comment or score, a score out of range (vi/en, the field named); 422: finalising with leaves lacking any score. */
const writeErrors = { ...errorResponses, 422: ErrorBody };
const tags = ['assessment'];

/** Appraisal, response, final appraisal, queue, progress, council workbook (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api/campaigns/:campaignId/assessment. */
export default async function appraisalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put('/sheets/:unitId/leaves/:code/appraisal', {
    config: { roles: APPRAISERS },
    schema: {
      tags,
      summary: 'Appraise a leaf (phase appraisal): agree with the self score, give a score (a comment is required below the self score) or ask for more evidence (comment required); names the version it read',
      params: LeafParams,
      body: z.object({
        version: z.number().int().min(0),
        action: z.enum(['agree', 'score', 'more_evidence']),
        score: z.number().min(0).max(1000).nullable().optional(),
        comment: Comment,
      }),
      response: { 200: LeafOut, ...writeErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => appraiseLeaf(trx, user, request.params, request.body));
  });

  r.put('/sheets/:unitId/leaves/:code/response', {
    config: { roles: RESPONDERS },
    schema: {
      tags,
      summary: 'Answer a lowered or more-evidence leaf (phase response; the unit\'s officer); new evidence is linked with stage "response"',
      params: LeafParams,
      body: z.object({ version: z.number().int().min(0), text: z.string().min(1).max(10_000) }),
      response: { 200: LeafOut, ...writeErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => respondToLeaf(trx, user, request.params, request.body));
  });

  r.post('/sheets/:unitId/response/close', {
    config: { roles: RESPONDERS },
    schema: {
      tags,
      summary: 'Close the unit\'s response (phase response): the sheet becomes "responded" and the answers can no longer change',
      params: SheetParams,
      response: { 200: z.object({ status: SheetStatus }), ...writeErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => closeResponse(trx, user, request.params));
  });

  r.put('/sheets/:unitId/leaves/:code/final', {
    config: { roles: APPRAISERS },
    schema: {
      tags,
      summary: 'Set a leaf\'s final score (phase final appraisal; comment required below the self score). When every lowered leaf has one, the others keep their appraised score and the sheet is finalised',
      params: LeafParams,
      body: z.object({ version: z.number().int().min(0), score: z.number().min(0).max(1000), comment: Comment }),
      response: { 200: LeafOut, ...writeErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => finaliseLeaf(trx, user, request.params, request.body));
  });

  r.post('/sheets/:unitId/finalise', {
    config: { roles: APPRAISERS },
    schema: {
      tags,
      summary: 'Finalise (phase final appraisal): leaves without a final score keep their appraised score — all leaves for staff, an appraiser\'s own fields for an appraiser; the sheet is finalised when every leaf has one',
      params: SheetParams,
      response: { 200: z.object({ status: SheetStatus, remaining: z.number() }), ...writeErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => finaliseSheet(trx, user, request.params));
  });

  r.get('/queue', {
    config: { roles: APPRAISERS },
    schema: {
      tags,
      summary: 'The leaves to appraise across units (an appraiser\'s fields; everything for staff) on submitted sheets, with self score, appraisal, evidence count and explanation',
      params: z.object({ campaignId: Uuid }),
      querystring: z.object({
        field: z.string().max(20).optional(),
        unitId: Uuid.optional(),
        status: AppraisalStatus.optional(),
        differs: z.enum(['true', 'false']).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(z.object({
            unitId: z.string(), unitCode: z.string(), unitName: z.string(), sheetStatus: SheetStatus, criteriaSetCode: z.string(),
            field: z.string(), code: z.string(), name: z.string(), maxPoints: z.number(),
            selfScore: z.number().nullable(), explanation: z.string().nullable(), evidenceCount: z.number(),
            appraisalStatus: AppraisalStatus, appraisedScore: z.number().nullable(), appraisalComment: z.string().nullable(),
            responseText: z.string().nullable(), finalScore: z.number().nullable(), finalComment: z.string().nullable(),
            differs: z.boolean(), version: z.number(),
          })),
          pending: z.number(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const user = requireUser(request);
    const q = request.query;
    return appraisalQueue(app.db, user, request.params.campaignId, {
      field: q.field, unitId: q.unitId, status: q.status, differs: q.differs === undefined ? undefined : q.differs === 'true',
    });
  });

  r.get('/progress', {
    config: { roles: EDITORS },
    schema: {
      tags,
      summary: 'Progress matrix units × fields: self-assessed %, evidence attached %, appraised %, responded % (of the lowered leaves)',
      params: z.object({ campaignId: Uuid }),
      response: {
        200: z.object({
          fields: z.array(z.object({ code: z.string(), name: z.string(), criteriaSetCode: z.string() })),
          units: z.array(z.object({
            unitId: z.string(), code: z.string(), name: z.string(), kind: z.string(), criteriaSetCode: z.string(), status: SheetStatus,
            cells: z.array(z.object({
              field: z.string(), leaves: z.number(), selfPct: z.number().nullable(), evidencePct: z.number().nullable(),
              appraisedPct: z.number().nullable(), respondedPct: z.number().nullable(), lowered: z.number(),
            })),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => progressMatrix(app.db, request.params.campaignId));

  r.get('/export.xlsx', {
    config: { roles: EDITORS },
    schema: {
      tags,
      summary: 'The council\'s table: one workbook, a summary of every unit and per unit per criterion self / appraised / final scores, appraisal comments and responses',
      params: z.object({ campaignId: Uuid }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.string().describe('the file'), ...errorResponses },
    },
  }, async (request, reply) => {
    const { buffer, filename } = await councilWorkbook(app.db, request.params.campaignId);
    return (reply as FastifyReply)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .header('cache-control', 'no-store')
      .send(buffer);
  });
}
