import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compareCriteriaSets } from '../../../analytics/src/criteria-compare';
import { ErrorBody, errorResponses, ImportProblemOut } from '../../http/schemas';
import { ANY_USER, EDITORS, STAFF } from '../../http/roles';
import { notFound } from '../../errors';
import { requireUser } from '../../plugins/app/auth';
import { insertAudit } from '../content-scores/repository';
import { XlsxReader } from '../content-scores/xlsx-reader';
import {
  BandSetOut, CampaignRefOut, CriteriaSetSummaryOut, CriterionWithEvidenceOut, ImportMetaBody, UnitKindEnum,
} from './schemas';
import { listBandSets, listCriteriaSets, loadCriteriaSet } from './repository';
import { campaignsUsingSets, deleteSet, findSetRow } from './versions.repository';
import { analyseCriteriaFile, importRefused, resolveTarget, setInUse, storeCriteriaSet } from './import.service';
import campaignSetRoutes from './campaign-sets.routes';
import notApplicableRoutes from './not-applicable.routes';

/** An import can be refused for size (413) or for its problems (422, every problem in details.problems). */
const importErrors = { ...errorResponses, 413: ErrorBody, 422: ErrorBody };
const CodeParams = z.object({ code: z.string().min(1).max(100) });
const TargetOut = z.object({ code: z.string(), family: z.string(), version: z.number(), replaces: z.string().nullable() });
const TotalsOut = z.object({
  maxPoints: z.number(),
  leafCount: z.number(),
  bySource: z.array(z.object({ source: z.string(), maxPoints: z.number(), leafCount: z.number() })),
});
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export default async function criteriaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const xlsx = new XlsxReader(app.config.xlsx);
  app.addHook('onClose', () => xlsx.close());
  const fileText = async (body: { text?: string; xlsxBase64?: string }) =>
    body.text ?? (await xlsx.toTsv(Buffer.from(body.xlsxBase64 ?? '', 'base64'), '\u2028')); // a cell's line breaks separate expected documents

  r.get('/criteria-sets', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['criteria'],
      summary: 'Criteria sets (families of versions; a set a campaign uses is immutable)',
      response: { 200: z.object({ criteriaSets: z.array(CriteriaSetSummaryOut) }), ...errorResponses },
    },
  }, async () => {
    const sets = await listCriteriaSets(app.db);
    const usage = await campaignsUsingSets(app.db);
    return {
      criteriaSets: sets.map((s) => ({
        code: s.code,
        year: s.year,
        name: s.name,
        family: s.family ?? s.code,
        version: s.version,
        unitKind: s.unit_kind,
        description: s.description,
        maxPoints: round6(Number(s.max_points)),
        leafCount: Number(s.leaf_count),
        usedBy: usage.get(s.code) ?? [],
      })),
    };
  });

  r.get('/criteria-sets/compare', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['criteria'],
      summary: 'Differences between two criteria sets: criteria added, removed and changed (name, max, rule, evidence)',
      querystring: z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) }),
      response: {
        200: z.object({
          from: z.object({ code: z.string(), name: z.string(), year: z.number() }),
          to: z.object({ code: z.string(), name: z.string(), year: z.number() }),
          added: z.array(CriterionWithEvidenceOut),
          removed: z.array(CriterionWithEvidenceOut),
          changed: z.array(z.object({
            code: z.string(),
            name: z.string(),
            level: z.number(),
            differences: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
          })),
          unchanged: z.number(),
          maxFrom: z.number(),
          maxTo: z.number(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const [from, to] = await Promise.all([loadCriteriaSet(app.db, request.query.from), loadCriteriaSet(app.db, request.query.to)]);
    for (const [code, set] of [[request.query.from, from], [request.query.to, to]] as const) {
      if (!set) throw notFound({ vi: `bộ tiêu chí "${code}"`, en: `Criteria set "${code}"` });
    }
    const cmp = compareCriteriaSets(from!, to!);
    return { from: { code: from!.code, name: from!.name, year: from!.year }, to: { code: to!.code, name: to!.name, year: to!.year }, ...cmp };
  });

  r.get('/criteria-sets/:code', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['criteria'],
      summary: 'One criteria set with all its criteria, rules and evidence requirements',
      params: CodeParams,
      response: {
        200: z.object({
          criteriaSet: z.object({
            code: z.string(), year: z.number(), name: z.string(), family: z.string(), version: z.number(),
            unitKind: UnitKindEnum.nullable(), description: z.string().nullable(), usedBy: z.array(CampaignRefOut),
            criteria: z.array(CriterionWithEvidenceOut),
          }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const [set, row] = await Promise.all([loadCriteriaSet(app.db, request.params.code), findSetRow(app.db, request.params.code)]);
    if (!set || !row) throw notFound({ vi: `bộ tiêu chí "${request.params.code}"`, en: `Criteria set "${request.params.code}"` });
    const usedBy = (await campaignsUsingSets(app.db, [set.code])).get(set.code) ?? [];
    return {
      criteriaSet: { ...set, family: row.family ?? row.code, version: row.version, unitKind: row.unit_kind, description: row.description, usedBy },
    };
  });

  r.delete('/criteria-sets/:code', {
    config: { roles: EDITORS },
    schema: {
      tags: ['criteria'],
      summary: 'Delete an unused criteria set (409 once a campaign uses it)',
      params: CodeParams,
      response: { 200: z.object({ deleted: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { code } = request.params;
    return app.db.transaction().execute(async (trx) => {
      const row = await findSetRow(trx, code);
      if (!row) throw notFound({ vi: `bộ tiêu chí "${code}"`, en: `Criteria set "${code}"` });
      const used = (await campaignsUsingSets(trx, [code])).get(code) ?? [];
      if (used.length > 0) throw setInUse(code, used);
      const inAssignments = await trx.selectFrom('appraiser_assignment').select('campaign_id').where('criteria_set_code', '=', code).limit(1).executeTakeFirst();
      if (inAssignments) throw setInUse(code, []);
      await deleteSet(trx, code);
      await insertAudit(trx, [{ user_id: user.id, action: 'delete', entity: 'criteria_set', entity_key: code, old_value: { name: row.name, year: row.year, family: row.family, version: row.version }, new_value: null }]);
      return { deleted: code };
    });
  });

  r.post('/criteria-sets/import/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['criteria'],
      summary: 'Read and check a criteria set file (CSV or XLSX): the tree, every problem with row and column; stores nothing',
      body: ImportMetaBody,
      response: {
        200: z.object({
          target: TargetOut,
          criteria: z.array(CriterionWithEvidenceOut.extend({ row: z.number().nullable() })),
          problems: z.array(ImportProblemOut),
          columns: z.record(z.string(), z.string()),
          ignored: z.array(z.string()),
          totals: TotalsOut,
        }),
        ...importErrors,
      },
    },
  }, async (request) => {
    const text = await fileText(request.body);
    const target = await resolveTarget(app.db, request.body);
    const analysis = analyseCriteriaFile(text, { code: target.code, year: request.body.year, name: request.body.name });
    return { target, ...analysis };
  });

  r.post('/criteria-sets/import', {
    config: { roles: EDITORS },
    schema: {
      tags: ['criteria'],
      summary: 'Store a criteria set file as a new version of its family (or replace an unused set): one transaction, audited; 422 with every problem',
      body: ImportMetaBody,
      response: { 200: z.object({ target: TargetOut, totals: TotalsOut }), ...importErrors },
    },
  }, async (request) => {
    const user = requireUser(request);
    const text = await fileText(request.body);
    return app.db.transaction().execute(async (trx) => {
      const target = await resolveTarget(trx, request.body);
      const analysis = analyseCriteriaFile(text, { code: target.code, year: request.body.year, name: request.body.name });
      if (analysis.problems.length > 0) throw importRefused(analysis.problems);
      await storeCriteriaSet(trx, target, request.body, analysis.criteria, user.id);
      return { target, totals: analysis.totals };
    });
  });

  r.get('/band-sets', {
    config: { roles: STAFF },
    schema: { tags: ['criteria'], summary: 'Named band sets (xếp loại)', response: { 200: z.object({ bandSets: z.array(BandSetOut) }), ...errorResponses } },
  }, async () => ({ bandSets: await listBandSets(app.db) }));

  await app.register(campaignSetRoutes);
  await app.register(notApplicableRoutes);
}

