import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { GovLevelOut, QuotaLevel, RowError } from '../fieldwork/schemas';
import { leadershipCodebook, leadershipMicrodata, sipasCodebook, sipasMicrodata, type MicrodataFile } from './microdata.service';
import { checkPopulationCsv, commitPopulationCsv, listPopulation, replacePopulation } from './population.service';

const Params = z.object({ campaignId: z.string().uuid() });
const CsvBody = z.object({ text: z.string().min(1).max(5_000_000) });
const Level = QuotaLevel;
const PopulationIn = z.object({ unitId: z.string().uuid(), level: Level, population: z.number().int().min(1).max(2_147_483_647) });
const PopulationOut = z.object({ rows: z.array(z.object({ unitId: z.string(), unitCode: z.string(), unitName: z.string(), level: Level, population: z.number() })), levels: z.array(GovLevelOut) });
const FileOut = z.string().describe('the file');

function sendCsv(reply: FastifyReply, file: MicrodataFile) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

/** Routes under /api/campaigns/:campaignId — population sizes for design weights, anonymised microdata exports. */
export default async function microdataRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/population', {
    config: { roles: STAFF },
    schema: { tags: ['microdata'], summary: 'Population sizes of the strata (unit, or unit × level) for design weights', params: Params, response: { 200: PopulationOut, ...errorResponses } },
  }, async (request) => listPopulation(app.db, request.params.campaignId));

  r.put('/population', {
    config: { roles: EDITORS },
    schema: {
      tags: ['microdata'], summary: 'Replace the population table (units must be in the campaign)', params: Params,
      body: z.object({ rows: z.array(PopulationIn).max(20_000) }), response: { 200: PopulationOut, ...errorResponses },
    },
  }, async (request) => app.db.transaction().execute((trx) => replacePopulation(trx, request.params.campaignId, request.body.rows)));

  r.post('/population/preview', {
    config: { roles: EDITORS },
    schema: {
      tags: ['microdata'], summary: 'Check a population CSV (unit,level,population or đơn vị,cấp,dân số) row by row; stores nothing', params: Params, body: CsvBody,
      response: {
        200: z.object({ rows: z.array(z.object({ row: z.number(), unitCode: z.string(), unitId: z.string(), level: Level, population: z.number() })), errors: z.array(RowError), errorCount: z.number() }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { rows, errors } = await checkPopulationCsv(app.db, request.params.campaignId, request.body.text);
    return { rows, ...errors.report() };
  });

  r.post('/population/commit', {
    config: { roles: EDITORS },
    schema: { tags: ['microdata'], summary: 'Replace the population table with a CSV — all rows or none', params: Params, body: CsvBody, response: { 200: PopulationOut, ...errorResponses } },
  }, async (request) => app.db.transaction().execute((trx) => commitPopulationCsv(trx, request.params.campaignId, request.body.text)));

  const download = (path: string, summary: string, make: (campaignId: string) => Promise<MicrodataFile>) =>
    r.get(path, {
      config: { roles: EDITORS },
      schema: { tags: ['microdata'], summary, params: Params, produces: ['text/csv'], response: { 200: FileOut, ...errorResponses } },
    }, async (request, reply) => sendCsv(reply, await make(request.params.campaignId)));

  download('/microdata/sipas.csv', 'Anonymised SIPAS microdata (accepted forms, random ids and order, age bands, no free text); UTF-8 with BOM, CRLF',
    (id) => sipasMicrodata(app.db, id));
  download('/microdata/sipas-codebook.csv', 'Codebook of the SIPAS microdata: variable, labels, type, codes', (id) => sipasCodebook(app.db, id));
  download('/microdata/leadership.csv', 'Anonymised leadership answer sheets (random ids and order; the unit only if the survey keeps it)',
    (id) => leadershipMicrodata(app.db, id));
  download('/microdata/leadership-codebook.csv', 'Codebook of the leadership microdata', (id) => leadershipCodebook(app.db, id));
}
