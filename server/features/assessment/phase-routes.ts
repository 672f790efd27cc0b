import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema';
import { EDITORS } from '../../http/roles';
import { errorResponses, Uuid } from '../../http/schemas';
import { requireUser } from '../../plugins/app/auth';
import { listAssignments, setAssignments } from './assignments.service';
import { phasesOf, setPhases } from './phase-settings.service';
import { CampaignParams, PhaseEnum } from './sheet-schemas';

const PHASE_READERS: readonly Role[] = ['admin', 'analyst', 'unit_officer', 'appraiser'];

const PhasesOut = z.object({
  phases: z.array(z.object({ phase: PhaseEnum, opensAt: z.string(), closesAt: z.string().nullable(), open: z.boolean() })),
  openNow: z.array(PhaseEnum),
});
const AssignmentsOut = z.object({
  setCodes: z.array(z.string()),
  assignments: z.array(z.object({
    userId: z.string(), username: z.string(), displayName: z.string(), criteriaSetCode: z.string(), criterionCode: z.string(), criterionName: z.string(),
  })),
  appraisers: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
});

/** Phases and appraiser assignments under P = /api/campaigns/:campaignId/assessment. */
export default async function phaseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/phases', {
    config: { roles: PHASE_READERS },
    schema: { tags: ['assessment'], summary: 'The campaign\'s phases with their dates and what is open now', params: CampaignParams, response: { 200: PhasesOut, ...errorResponses } },
  }, async (request) => phasesOf(app.db, request.params.campaignId, requireUser(request)));

  r.put('/phases', {
    config: { roles: EDITORS },
    schema: {
      tags: ['assessment'],
      summary: 'Set the campaign\'s phase dates (replaces them; audited); creates the units\' sheets',
      params: CampaignParams,
      body: z.object({
        phases: z.array(z.object({
          phase: PhaseEnum,
          opensAt: z.string().datetime({ offset: true }),
          closesAt: z.string().datetime({ offset: true }).nullable(),
        })).max(6),
      }),
      response: { 200: PhasesOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => setPhases(trx, user.id, request.params.campaignId, request.body.phases));
  });

  r.get('/appraisers', {
    config: { roles: EDITORS },
    schema: { tags: ['assessment'], summary: 'Appraiser assignments (appraiser × criterion of a set used by the campaign)', params: CampaignParams, response: { 200: AssignmentsOut, ...errorResponses } },
  }, async (request) => listAssignments(app.db, request.params.campaignId));

  r.put('/appraisers', {
    config: { roles: EDITORS },
    schema: {
      tags: ['assessment'],
      summary: 'Replace the appraiser assignments (audited)',
      params: CampaignParams,
      body: z.object({ assignments: z.array(z.object({ userId: Uuid, criteriaSetCode: z.string().min(1).max(100), criterionCode: z.string().min(1).max(20) })).max(5000) }),
      response: { 200: AssignmentsOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => setAssignments(trx, user.id, request.params.campaignId, request.body.assignments));
  });
}
