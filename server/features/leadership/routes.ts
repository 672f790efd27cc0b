import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { ADMINS, EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { defaultSurvey, findSurvey, renderMessage, requireCampaignRow, saveSurvey, surveyToApi } from './survey.service';
import { checkRespondentCsv, commitRespondentCsv, listRespondents, removeRespondent, updateRespondent } from './respondents.service';
import { listUncertain, queueInvitations, resendInvitation, resendUncertain, sendingProgress } from './sending.service';
import { queueReminders, reminderSchedule } from './reminders.service';
import { answersSummary, tracking } from './tracking.service';
import { Group, ReminderScheduleOut, RespondentOut, RespondentStatus, RowErrorOut, SendProgressOut, SurveyBody, TrackingOut, UncertainMessageOut } from './schemas';

const Params = z.object({ campaignId: z.string().uuid() });
const RespondentParams = Params.extend({ respondentId: z.string().uuid() });
const CsvBody = z.object({ text: z.string().min(1).max(5_000_000) });

/** Routes under /api/campaigns/:campaignId/leadership — set-up, respondents, sending, tracking. */
export default async function leadershipRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: { tags: ['leadership'], summary: 'The campaign\'s leadership survey settings and templates', params: Params, response: { 200: z.object({ survey: SurveyBody.nullable(), defaults: SurveyBody }), ...errorResponses } },
  }, async (request) => {
    await requireCampaignRow(app.db, request.params.campaignId);
    const s = await findSurvey(app.db, request.params.campaignId);
    return { survey: s ? surveyToApi(s) : null, defaults: defaultSurvey() };
  });

  r.put('/', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Save the settings and the invitation / reminder templates', params: Params, body: SurveyBody, response: { 200: z.object({ survey: SurveyBody }), ...errorResponses } },
  }, async (request) => ({ survey: await app.db.transaction().execute((trx) => saveSurvey(trx, request.params.campaignId, request.body)) }));

  r.post('/preview', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'A template rendered for one respondent, with a sample link', params: Params,
      body: z.object({ kind: z.enum(['invitation', 'reminder']), respondentId: z.string().uuid().optional() }),
      response: { 200: z.object({ to: z.string(), subject: z.string(), body: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const campaign = await requireCampaignRow(app.db, request.params.campaignId);
    const s = await findSurvey(app.db, campaign.id);
    const survey = s ? surveyToApi(s) : defaultSurvey();
    let q = app.db.selectFrom('respondent').select(['name', 'email']).where('campaign_id', '=', campaign.id);
    if (request.body.respondentId) q = q.where('id', '=', request.body.respondentId);
    const person = (await q.orderBy('name').limit(1).executeTakeFirst()) ?? { name: 'Nguyễn Văn A', email: 'nguyen.van.a@example.gov.vn' };
    const message = renderMessage(survey, request.body.kind, { name: person.name, link: `${app.config.mail.publicUrl}/r/XXXXXXXXXXXXXXXXXXXXXX`, campaign: campaign.name });
    return { to: person.email, ...message };
  });

  r.get('/respondents', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'Respondents with the status of their latest e-mail (names never next to answers)', params: Params,
      querystring: z.object({ status: RespondentStatus.optional(), group: Group.optional(), unitId: z.string().uuid().optional() }),
      response: { 200: z.object({ respondents: z.array(RespondentOut) }), ...errorResponses },
    },
  }, async (request) => ({ respondents: await listRespondents(app.db, request.params.campaignId, request.query) }));

  r.post('/respondents/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['leadership'], summary: 'Check a respondent list (CSV: name, email, group, unit) row by row; stores nothing', params: Params, body: CsvBody,
      response: { 200: z.object({ rows: z.array(z.object({ row: z.number(), name: z.string(), email: z.string(), group: z.string(), unitCode: z.string().nullable() })), errors: z.array(RowErrorOut), errorCount: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const { rows, errors } = await checkRespondentCsv(app.db, request.params.campaignId, request.body.text);
    return { rows, ...errors.report() };
  });

  r.post('/respondents/commit', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Add the respondents of a CSV — all rows or none', params: Params, body: CsvBody, response: { 200: z.object({ added: z.number(), updated: z.number() }), ...errorResponses } },
  }, async (request) => app.db.transaction().execute((trx) => commitRespondentCsv(trx, request.params.campaignId, request.body.text)));

  r.patch('/respondents/:respondentId', {
    config: { roles: EDITORS },
    schema: {
      tags: ['leadership'], summary: 'Correct a respondent (name, e-mail, group, unit)', params: RespondentParams,
      body: z.object({ name: z.string().trim().min(1).max(300).optional(), email: z.string().trim().max(300).optional(), group: Group.optional(), unitId: z.string().uuid().nullable().optional() }),
      response: { 200: z.object({ respondent: RespondentOut }), ...errorResponses },
    },
  }, async (request) => ({ respondent: await app.db.transaction().execute((trx) => updateRespondent(trx, request.params.campaignId, request.params.respondentId, request.body)) }));

  r.delete('/respondents/:respondentId', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Remove a respondent who has not answered', params: RespondentParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await app.db.transaction().execute((trx) => removeRespondent(trx, request.params.campaignId, request.params.respondentId));
    return reply.status(204).send(null);
  });

  r.post('/respondents/:respondentId/resend', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Send one person a new invitation (a new link; the old ones stop working in the same commit); refused (409) once they have answered', params: RespondentParams, response: { 200: z.object({ queued: z.number() }), ...errorResponses } },
  }, async (request) => ({ queued: await app.db.transaction().execute((trx) => resendInvitation(trx, request.params.campaignId, request.params.respondentId)) }));

  r.post('/invitations/send', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Queue an invitation for everyone not yet invited; sent in the background at the campaign\'s rate', params: Params, response: { 200: z.object({ queued: z.number() }), ...errorResponses } },
  }, async (request) => ({ queued: await app.db.transaction().execute((trx) => queueInvitations(trx, request.params.campaignId)) }));

  r.get('/reminders', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'When reminders can go: due now, the next time overall and per group, and what an admin\'s override before the deadline would send',
      params: Params, response: { 200: ReminderScheduleOut, ...errorResponses },
    },
  }, async (request) => reminderSchedule(app.db, request.params.campaignId));

  r.post('/reminders/send', {
    config: { roles: EDITORS },
    schema: { tags: ['leadership'], summary: 'Queue a reminder for every invited non-responder the reminder rule allows now (at most `max`, at least `minDaysApart` days after their last message); 409 unless the campaign is in fieldwork', params: Params, response: { 200: z.object({ queued: z.number() }), ...errorResponses } },
  }, async (request) => app.db.transaction().execute((trx) => queueReminders(trx, request.params.campaignId)));

  r.post('/reminders/send-before-gap', {
    config: { roles: ADMINS },
    schema: {
      tags: ['leadership'],
      summary: 'Admin, before the deadline, confirmed: a reminder to every invited non-responder whose last message is at least 12 hours old, ahead of the minimum gap (still at most `max`; audited)',
      params: Params, body: z.object({ confirm: z.literal(true) }), response: { 200: z.object({ queued: z.number() }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => queueReminders(trx, request.params.campaignId, { override: { userId: user.id } }));
  });

  r.get('/progress', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'Sending progress', params: Params,
      response: { 200: SendProgressOut, ...errorResponses },
    },
  }, async (request) => sendingProgress(app.db, request.params.campaignId));

  r.get('/uncertain', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'Messages handed to SMTP when the sender stopped (may or may not have arrived), of people yet to answer', params: Params,
      response: { 200: z.object({ messages: z.array(UncertainMessageOut) }), ...errorResponses },
    },
  }, async (request) => ({ messages: await listUncertain(app.db, request.params.campaignId) }));

  r.post('/uncertain/resend', {
    config: { roles: EDITORS },
    schema: {
      tags: ['leadership'], summary: 'A new invitation with a new link to everyone listed as uncertain (their old links stop working); people who answered are skipped', params: Params,
      response: { 200: z.object({ queued: z.number(), answered: z.number() }), ...errorResponses },
    },
  }, async (request) => app.db.transaction().execute((trx) => resendUncertain(trx, request.params.campaignId)));

  r.get('/tracking', {
    config: { roles: STAFF },
    schema: { tags: ['leadership'], summary: 'Response rates overall, by group and by unit', params: Params, response: { 200: TrackingOut, ...errorResponses } },
  }, async (request) => tracking(app.db, request.params.campaignId));

  r.get('/answers/summary', {
    config: { roles: STAFF },
    schema: {
      tags: ['leadership'], summary: 'Per sub-criterion: answers, "don\'t know", mean weight; cells under 5 suppressed', params: Params,
      response: {
        200: z.object({ sheets: z.number(), items: z.array(z.object({ code: z.string(), questionId: z.string(), n: z.number().nullable(), dontKnow: z.number().nullable(), meanWeight: z.number().nullable(), suppressed: z.boolean() })) }),
        ...errorResponses,
      },
    },
  }, async (request) => answersSummary(app.db, request.params.campaignId));
}
