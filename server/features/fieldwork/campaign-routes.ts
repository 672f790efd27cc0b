import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { fieldworkSetup, savePlan, saveQuotas, saveAssignments } from './setup.service';
import { checkEnumeratorCsv, commitEnumeratorCsv } from './enumerator-import.service';
import { drawRechecks, listForms, listRechecks } from './review.service';
import { dashboard } from './progress.service';
import { DashboardOut, EnumeratorOut, FormListItem, FormStatus, GovLevelOut, Plan, Quota, RecheckOut, RowError, SupervisorOut } from './schemas';

const Params = z.object({ campaignId: z.string().uuid() });
const CsvBody = z.object({ text: z.string().min(1).max(5_000_000) });

/** Routes under /api/campaigns/:campaignId/fieldwork — set-up, review queue, re-checks, dashboard. */
export default async function campaignFieldworkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'],
      summary: 'Fieldwork set-up of a campaign: plan, quotas, enumerators and supervisors',
      params: Params,
      response: { 200: z.object({ plan: Plan.nullable(), levels: z.array(GovLevelOut), quotas: z.array(Quota), enumerators: z.array(EnumeratorOut), supervisors: z.array(SupervisorOut) }), ...errorResponses },
    },
  }, async (request) => fieldworkSetup(app.db, request.params.campaignId));

  r.put('/plan', {
    config: { roles: EDITORS },
    schema: { tags: ['fieldwork'], summary: 'Set the questionnaire, dates and quality thresholds', params: Params, body: Plan, response: { 200: z.object({ plan: Plan }), ...errorResponses } },
  }, async (request) => ({ plan: await app.db.transaction().execute((trx) => savePlan(trx, request.params.campaignId, request.body)) }));

  r.put('/quotas', {
    config: { roles: EDITORS },
    schema: {
      tags: ['fieldwork'], summary: 'Replace the quotas per unit and level', params: Params,
      body: z.object({ quotas: z.array(Quota).max(20_000) }), response: { 200: z.object({ quotas: z.array(Quota) }), ...errorResponses },
    },
  }, async (request) => ({ quotas: await app.db.transaction().execute((trx) => saveQuotas(trx, request.params.campaignId, request.body.quotas)) }));

  r.put('/assignments', {
    config: { roles: EDITORS },
    schema: {
      tags: ['fieldwork'], summary: 'Replace enumerator → units and supervisor → enumerators / units assignments', params: Params,
      body: z.object({
        enumerators: z.array(z.object({ userId: z.string().uuid(), unitIds: z.array(z.string().uuid()) })).max(5000),
        supervisors: z.array(z.object({ userId: z.string().uuid(), enumeratorIds: z.array(z.string().uuid()), unitIds: z.array(z.string().uuid()) })).max(1000),
      }),
      response: { 200: z.object({ enumerators: z.array(EnumeratorOut), supervisors: z.array(SupervisorOut) }), ...errorResponses },
    },
  }, async (request) => app.db.transaction().execute((trx) => saveAssignments(trx, request.params.campaignId, request.body)));

  r.post('/enumerators/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['fieldwork'], summary: 'Check an enumerator list (CSV) row by row; stores nothing', params: Params, body: CsvBody,
      response: {
        200: z.object({
          rows: z.array(z.object({ row: z.number(), username: z.string(), displayName: z.string(), phone: z.string().nullable(), unitCodes: z.array(z.string()), supervisorUsername: z.string().nullable(), exists: z.boolean() })),
          errors: z.array(RowError),
          errorCount: z.number(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { rows, errors } = await checkEnumeratorCsv(app.db, request.params.campaignId, request.body.text);
    return { rows, ...errors.report() };
  });

  r.post('/enumerators/commit', {
    config: { roles: EDITORS },
    schema: {
      tags: ['fieldwork'], summary: 'Create enumerator accounts and assignments from a CSV — all rows or none', params: Params, body: CsvBody,
      response: {
        200: z.object({ created: z.array(z.object({ username: z.string(), displayName: z.string(), password: z.string() })), updated: z.array(z.string()), assigned: z.number() }),
        ...errorResponses,
      },
    },
  }, async (request) => app.db.transaction().execute((trx) => commitEnumeratorCsv(trx, request.params.campaignId, request.body.text)));

  r.get('/forms', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'], summary: 'Review queue: forms filtered by status, flag, unit, enumerator (a supervisor sees their own scope)', params: Params,
      querystring: z.object({
        status: FormStatus.optional(),
        flag: z.string().max(50).optional(),
        unitId: z.string().uuid().optional(),
        enumeratorId: z.string().uuid().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ total: z.number(), forms: z.array(FormListItem) }), ...errorResponses },
    },
  }, async (request) => listForms(app.db, requireUser(request), request.params.campaignId, request.query));

  r.get('/rechecks', {
    config: { roles: STAFF },
    schema: { tags: ['fieldwork'], summary: 'Re-checks (phúc tra) drawn so far', params: Params, response: { 200: z.object({ rechecks: z.array(RecheckOut) }), ...errorResponses } },
  }, async (request) => ({ rechecks: await listRechecks(app.db, requireUser(request), request.params.campaignId) }));

  r.post('/rechecks/draw', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'], summary: 'Draw a seeded re-check sample: percent of each enumerator\'s accepted forms', params: Params,
      body: z.object({ percent: z.number().gt(0).max(100), seed: z.number().int().min(0).max(2 ** 31 - 1) }),
      response: { 200: z.object({ drawn: z.array(RecheckOut) }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return { drawn: await app.db.transaction().execute((trx) => drawRechecks(trx, user, request.params.campaignId, request.body.percent, request.body.seed)) };
  });

  r.get('/dashboard', {
    config: { roles: STAFF },
    schema: { tags: ['fieldwork'], summary: 'Per unit and enumerator: collected, accepted, flagged, rejected against quota; last sync', params: Params, response: { 200: DashboardOut, ...errorResponses } },
  }, async (request) => dashboard(app.db, requireUser(request), request.params.campaignId));
}

