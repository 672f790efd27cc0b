import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, errorResponses } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { loadScoreContext } from './context';
import { listScores, auditHistory } from './repository';
import { scoreTreeFor } from './tree';
import { commitImport, previewImport, roundingMap } from './import.service';
import { editScore } from './edit.service';
import { fieldChanges, type Snapshot } from './audit';
import { XlsxReader } from './xlsx-reader';
import { BandRef, FindingOut, ImportBody, ScoreCodeParams, ScoreParams, ScoreTreeOut } from './schemas';
import { RoundingEntry, RoundingOut } from './rounding.schemas';

/** An import can also be refused for size (413: file, inflated content, rows, time) or for its findings (422). */
const importErrors = { ...errorResponses, 413: ErrorBody, 422: ErrorBody };

/** Routes under /api/campaigns/:campaignId/units/:unitId — a unit's content scores in a campaign. */
export default async function contentScoreRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const xlsx = new XlsxReader(app.config.xlsx);
  app.addHook('onClose', () => xlsx.close());
  const tableText = async (body: { text?: string; xlsxBase64?: string }) =>
    body.text ?? (await xlsx.toTsv(Buffer.from(body.xlsxBase64 ?? '', 'base64')));

  r.post('/imports/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['content-scores'],
      summary: 'Check a published appendix table (TSV/CSV) against the campaign\'s criteria set; stores nothing',
      params: ScoreParams,
      body: ImportBody.and(z.object({
        /** the analyst's rounding to propose kept scores with; absent = what the table shows over the campaign's */
        rounding: z.array(RoundingEntry).max(200).optional(),
      })),
      response: {
        200: z.object({
          findings: z.array(FindingOut),
          findingCount: z.number(),
          blockingCount: z.number(),
          rowCount: z.number(),
          candidates: z.array(z.object({ code: z.string(), stated: z.number(), computed: z.number() })),
          chosen: z.array(z.string()),
          statedTotal: z.number().nullable(),
          totalFromLeaves: z.number(),
          totalWithChosen: z.number(),
          rounding: RoundingOut,
        }),
        ...importErrors,
      },
    },
  }, async (request) => {
    const ctx = await loadScoreContext(app.db, request.params.campaignId, request.params.unitId);
    const { rounding } = request.body;
    return previewImport(await tableText(request.body), ctx.set, rounding ? roundingMap(ctx.set, rounding) : 'detected');
  });

  r.post('/imports/commit', {
    config: { roles: EDITORS },
    schema: {
      tags: ['content-scores'],
      summary: 'Store a checked table as the unit\'s scores (one transaction, audited)',
      params: ScoreParams,
      body: ImportBody.and(z.object({
        keepStated: z.array(z.string().max(20)).max(200).default([]),
        /** how the publication rounds its parents (stored for the campaign, audited); absent = what the table shows */
        rounding: z.array(RoundingEntry).max(200).optional(),
      })),
      response: { 200: z.object({ stored: z.number(), changed: z.number(), total: z.number() }), ...importErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    const text = await tableText(request.body);
    return app.db.transaction().execute(async (trx) => {
      const ctx = await loadScoreContext(trx, request.params.campaignId, request.params.unitId);
      const { rounding } = request.body;
      return commitImport(trx, ctx, user.id, text, request.body.keepStated, rounding ? roundingMap(ctx.set, rounding) : 'detected');
    });
  });

  r.get('/scores', {
    config: { roles: STAFF },
    schema: {
      tags: ['content-scores'],
      summary: 'The unit\'s score tree: fields → criteria → leaves, with max, self-assessed, appraised, %',
      params: ScoreParams,
      response: {
        200: z.object({
          unit: z.object({ id: z.string(), name: z.string() }),
          campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
          tree: ScoreTreeOut,
          band: BandRef,
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const ctx = await loadScoreContext(app.db, request.params.campaignId, request.params.unitId);
    const rows = await listScores(app.db, ctx.campaign.id, ctx.unit.id);
    return {
      unit: { id: ctx.unit.id, name: ctx.unit.name },
      campaign: { id: ctx.campaign.id, name: ctx.campaign.name, year: ctx.campaign.year },
      ...scoreTreeFor(ctx.set, rows, ctx.bandSet),
    };
  });

  r.put('/scores/:code', {
    config: { roles: EDITORS },
    schema: {
      tags: ['content-scores'],
      summary: 'Change one criterion\'s score (audited)',
      params: ScoreCodeParams,
      body: z.object({
        appraised: z.number().min(0).max(1000).nullable().optional(),
        self: z.number().min(0).max(1000).nullable().optional(),
        notApplicable: z.boolean().optional(),
        note: z.string().max(10_000).nullable().optional(),
        numerator: z.number().min(0).nullable().optional(),
        denominator: z.number().min(0).nullable().optional(),
      }),
      response: { 200: z.object({ tree: ScoreTreeOut, band: BandRef }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute(async (trx) => {
      const ctx = await loadScoreContext(trx, request.params.campaignId, request.params.unitId);
      await editScore(trx, ctx, user.id, request.params.code, request.body);
      return scoreTreeFor(ctx.set, await listScores(trx, ctx.campaign.id, ctx.unit.id), ctx.bandSet);
    });
  });

  r.get('/scores/:code/history', {
    config: { roles: STAFF },
    schema: {
      tags: ['content-scores'],
      summary: 'Who changed a criterion\'s score, when, from what to what',
      params: ScoreCodeParams,
      response: {
        200: z.object({
          entries: z.array(z.object({ at: z.string(), user: z.string().nullable(), action: z.string(), field: z.string(), oldValue: z.unknown(), newValue: z.unknown() })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { campaignId, unitId, code } = request.params;
    const ctx = await loadScoreContext(app.db, campaignId, unitId);
    const rows = await auditHistory(app.db, 'content_score', `${ctx.campaign.id}/${ctx.unit.id}/${code}`);
    return {
      entries: rows.flatMap((row) =>
        fieldChanges(row.old_value as Snapshot | null, row.new_value as Snapshot | null).map((c) => ({
          at: new Date(row.at).toISOString(),
          user: row.display_name ?? row.username ?? null,
          action: row.action,
          ...c,
        })),
      ),
    };
  });
}
