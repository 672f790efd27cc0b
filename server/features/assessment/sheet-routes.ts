import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema';
import { ADMINS, EDITORS } from '../../http/roles';
import { ErrorBody, errorResponses } from '../../http/schemas';
import { requireUser } from '../../plugins/app/auth';
import { listLeafEvents } from './assessment-leaf.repository';
import { editSelf } from './self.service';
import { listSheets } from './sheet-list.service';
import { GapOut, LeafParams, LeafViewOut, PhaseEnum, SheetOut, SheetParams, SheetStatusEnum, CampaignParams } from './sheet-schemas';
import { loadSheetData, openSheet, requireLeafDef, sheetGaps, sheetView } from './sheet.service';
import { approveSheet, reopenSheet, submitSheet } from './workflow.service';

/** staff and the assessment participants (officers: their unit; appraisers: their fields — scope checked in the service) */
const SHEET_READERS: readonly Role[] = ['admin', 'analyst', 'unit_officer', 'appraiser'];
/** the unit side: its officers (own unit) and the staff */
const UNIT_SIDE: readonly Role[] = ['admin', 'analyst', 'unit_officer'];

const SheetSummaryOut = z.object({
  unitId: z.string(), unitName: z.string(), unitCode: z.string(), unitKind: z.string(), status: SheetStatusEnum, criteriaSetCode: z.string(),
  leaves: z.number(), scored: z.number(), withEvidence: z.number(), appraised: z.number(),
  total: z.object({ self: z.number(), appraised: z.number(), final: z.number(), max: z.number() }),
});
const SheetStateOut = z.object({ status: SheetStatusEnum, version: z.number() });

/** Sheets under P = /api/campaigns/:campaignId/assessment (DESIGN.md "HTTP API"). */
export default async function sheetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/sheets', {
    config: { roles: SHEET_READERS },
    schema: {
      tags: ['assessment'],
      summary: 'The units\' sheets with progress (staff: all; officer: own unit; appraiser: counts over their leaves)',
      params: CampaignParams,
      response: { 200: z.object({ sheets: z.array(SheetSummaryOut) }), ...errorResponses },
    },
  }, async (request) => ({ sheets: await listSheets(app.db, requireUser(request), request.params.campaignId) }));

  r.get('/sheets/:unitId', {
    config: { roles: SHEET_READERS },
    schema: {
      tags: ['assessment'],
      summary: 'A unit\'s sheet: the criteria tree with per-leaf self / appraisal / response / final, evidence, completion and what the caller may do',
      params: SheetParams,
      response: { 200: SheetOut, ...errorResponses },
    },
  }, async (request) => {
    const s = await openSheet(app.db, requireUser(request), request.params.campaignId, request.params.unitId);
    return sheetView(s, await loadSheetData(app.db, s));
  });

  r.put('/sheets/:unitId/leaves/:code/self', {
    config: { roles: UNIT_SIDE },
    schema: {
      tags: ['assessment'],
      summary: 'Self-assess one leaf (phase self_assessment; names the version read; rule leaves take the evidence figures)',
      params: LeafParams,
      body: z.object({
        version: z.number().int().min(1),
        score: z.number().min(0).max(1000).nullable().optional(),
        inputs: z.record(z.string().max(40), z.number().min(0).max(1e12).nullable()).nullable().optional()
          .refine((x) => !x || Object.keys(x).length <= 10, 'at most 10 figures'),
        explanation: z.string().max(10_000).nullable().optional(),
      }),
      response: { 200: LeafViewOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId, unitId, code } = request.params;
    return app.db.transaction().execute(async (trx) => editSelf(trx, await openSheet(trx, user, campaignId, unitId), code, request.body));
  });

  r.get('/sheets/:unitId/leaves/:code/history', {
    config: { roles: SHEET_READERS },
    schema: {
      tags: ['assessment'],
      summary: 'A leaf\'s history: every step (self, appraisal, response, final) and the sheet\'s submit / reopen / approval',
      params: LeafParams,
      response: {
        200: z.object({
          events: z.array(z.object({
            at: z.string(), user: z.string().nullable(), kind: z.string(), from: z.number().nullable(), to: z.number().nullable(),
            comment: z.string().nullable(), sheetLevel: z.boolean(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { campaignId, unitId, code } = request.params;
    const s = await openSheet(app.db, requireUser(request), campaignId, unitId);
    requireLeafDef(s, code);
    return { events: await listLeafEvents(app.db, s.key, code) };
  });

  r.get('/sheets/:unitId/check', {
    config: { roles: SHEET_READERS },
    schema: {
      tags: ['assessment'],
      summary: 'What is missing before submission: leaves without score, required evidence not attached, explanations missing',
      params: SheetParams,
      response: { 200: z.object({ missing: z.array(GapOut) }), ...errorResponses },
    },
  }, async (request) => {
    const s = await openSheet(app.db, requireUser(request), request.params.campaignId, request.params.unitId);
    return { missing: sheetGaps(s, await loadSheetData(app.db, s)) };
  });

  r.post('/sheets/:unitId/submit', {
    config: { roles: UNIT_SIDE },
    schema: {
      tags: ['assessment'],
      summary: 'Submit the self-assessment for appraisal; refused (422, details.missing) while gaps remain unless acknowledged',
      params: SheetParams,
      body: z.object({ acknowledge: z.boolean().optional() }),
      response: { 200: SheetStateOut.extend({ acknowledged: z.array(GapOut) }), ...errorResponses, 422: ErrorBody },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute(async (trx) =>
      submitSheet(trx, await openSheet(trx, user, request.params.campaignId, request.params.unitId), request.body.acknowledge === true));
  });

  r.post('/sheets/:unitId/approve', {
    config: { roles: EDITORS },
    schema: {
      tags: ['assessment'],
      summary: 'Council approval (phase approval): copies self and final scores into the official content scores and locks the sheet',
      params: SheetParams,
      body: z.object({}).optional(),
      response: { 200: SheetStateOut.extend({ leavesWritten: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute(async (trx) =>
      approveSheet(trx, await openSheet(trx, user, request.params.campaignId, request.params.unitId)));
  });

  r.post('/sheets/:unitId/reopen', {
    config: { roles: ADMINS },
    schema: {
      tags: ['assessment'],
      summary: 'Reopen one phase for this unit only, until a date, with a recorded reason (audited)',
      params: SheetParams,
      body: z.object({
        phase: PhaseEnum,
        until: z.string().datetime({ offset: true }),
        reason: z.string().trim().min(3).max(2000),
      }),
      response: { 200: SheetStateOut.extend({ reopened: z.object({ phase: PhaseEnum, until: z.string(), reason: z.string() }) }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute(async (trx) =>
      reopenSheet(trx, await openSheet(trx, user, request.params.campaignId, request.params.unitId), request.body));
  });
}
