import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { parseJsonBody } from '../../http/untrusted-json';
import { STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { ingestBatch } from './submissions.service';
import { decide, formDetail, recordRecheck } from './review.service';
import { enumeratorProfile } from './progress.service';
import { listFieldworkCampaigns } from './fieldwork-campaigns.repository';
import { FormDetailOut, ProfileOut, ReceiptOut, RecheckOut } from './schemas';

/** Routes under /api/fieldwork — the enumerator's phone, submissions, and decisions on single forms. */
export default async function fieldworkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/me', {
    config: { roles: ['enumerator'] },
    schema: { tags: ['fieldwork'], summary: 'The enumerator\'s assignments, quotas with progress, and returned forms', response: { 200: ProfileOut, ...errorResponses } },
  }, async (request) => enumeratorProfile(app.db, requireUser(request)));

  // forms are judged one by one (issue 9): the batch's body is parsed as plain JSON, so that a prototype key or deep
  // nesting inside one form refuses that form (untrusted-json), not the batch; only this route, in its own context
  await app.register(async (batch) => {
    batch.removeContentTypeParser('application/json');
    batch.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
      try {
        done(null, parseJsonBody(text as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    batch.withTypeProvider<ZodTypeProvider>().post('/submissions', {
      config: { roles: ['enumerator', 'supervisor', 'admin'] },
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags: ['fieldwork'],
        summary: 'Submit a batch of SIPAS forms; one receipt per form, idempotent per enumerator by clientUuid',
        body: z.object({ forms: z.array(z.unknown()).min(1).max(500) }),
        response: { 200: z.object({ receipts: z.array(ReceiptOut) }), ...errorResponses },
      },
    }, async (request) => {
      const user = requireUser(request);
      return { receipts: await ingestBatch(app.db, user, request.body.forms) };
    });
  });

  r.get('/campaigns', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'],
      summary: 'Campaigns with SIPAS fieldwork set up (a plan); a supervisor gets those where someone is assigned to them',
      response: {
        200: z.object({
          campaigns: z.array(z.object({
            campaignId: z.string(), questionnaireId: z.string(), questionnaireVersion: z.number(),
            startsOn: z.string().nullable(), endsOn: z.string().nullable(), forms: z.number().describe('forms received that the caller may review'),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ campaigns: await listFieldworkCampaigns(app.db, requireUser(request)) }));

  r.get('/forms/:formId', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'],
      summary: 'One form with its answers, paradata and review history',
      params: z.object({ formId: z.string().uuid() }),
      response: {
        200: z.object({ form: FormDetailOut, events: z.array(z.object({ at: z.string(), actor: z.string().nullable(), action: z.string(), reason: z.string().nullable() })) }),
        ...errorResponses,
      },
    },
  }, async (request) => formDetail(app.db, requireUser(request), request.params.formId));

  r.post('/forms/:formId/decision', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'],
      summary: 'Accept, reject or return a form (audited)',
      params: z.object({ formId: z.string().uuid() }),
      body: z.object({ action: z.enum(['accept', 'reject', 'return']), reason: z.string().max(2000).nullable().optional() }),
      response: { 200: z.object({ form: FormDetailOut }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const form = await app.db.transaction().execute((trx) => decide(trx, user, request.params.formId, request.body.action, request.body.reason ?? null));
    return { form };
  });

  r.post('/rechecks/:recheckId/outcome', {
    config: { roles: STAFF },
    schema: {
      tags: ['fieldwork'],
      summary: 'Record a re-check (phúc tra) outcome; a discrepancy reopens the form',
      params: z.object({ recheckId: z.string().uuid() }),
      body: z.object({ outcome: z.enum(['confirmed', 'not_reached', 'discrepancy']), note: z.string().max(2000).nullable().optional() }),
      response: { 200: z.object({ recheck: RecheckOut }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const recheck = await app.db.transaction().execute((trx) => recordRecheck(trx, user, request.params.recheckId, request.body.outcome, request.body.note ?? null));
    return { recheck };
  });
}
