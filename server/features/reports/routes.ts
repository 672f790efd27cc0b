import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { STAFF } from '../../http/roles';
import { ScoreParams } from '../content-scores/schemas';
import { appendixCsv, appendixRows, reportXlsx } from './appendix';
import { fileSafe } from './format';
import { reportHtml } from './html';
import { ReportOut, type Report } from './schemas';
import { buildReport } from './service';
import { FileOut, sendFile } from './send-file';

/** PAR-INDEX_HG_2022_phu-luc.xlsx: the unit's code and the campaign's year (the CSV with decimal commas: …_phu-luc_dau-phay.csv). */
const fileName = (r: Report, what: string, ext: string) => `PAR-INDEX_${fileSafe(r.unit.code)}_${r.campaign.year}_${what}.${ext}`;

/** Routes under /api/campaigns/:campaignId/units/:unitId/report — the yearly analysis report and its exports. */
export default async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The yearly analysis report: per field and criterion max, self-assessed, appraised, %, rank, change; points lost with notes and agencies; sentences',
      params: ScoreParams,
      response: { 200: ReportOut, ...errorResponses },
    },
  }, async (request) => (await buildReport(app.db, request.params.campaignId, request.params.unitId)).report);

  r.get('/appendix.xlsx', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The appendix table (and the results per field and criterion, the points lost) as an Excel workbook',
      params: ScoreParams,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const { report, tree } = await buildReport(app.db, request.params.campaignId, request.params.unitId);
    return sendFile(reply, await reportXlsx(report, tree), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(report, 'phu-luc', 'xlsx'));
  });

  r.get('/appendix.csv', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The appendix table as CSV: UTF-8 with BOM, CRLF; ?decimal=comma for ";" and decimal commas',
      params: ScoreParams,
      querystring: z.object({ decimal: z.enum(['point', 'comma']).default('point') }),
      produces: ['text/csv'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const { report, tree } = await buildReport(app.db, request.params.campaignId, request.params.unitId);
    const comma = request.query.decimal === 'comma';
    // the two variants under two names, so that both can sit in one folder
    return sendFile(reply, appendixCsv(appendixRows(tree), comma), 'text/csv; charset=utf-8', fileName(report, comma ? 'phu-luc_dau-phay' : 'phu-luc', 'csv'));
  });

  r.get('/print.html', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The report as a standalone printable HTML page (A4); ?download=true to save it',
      params: ScoreParams,
      querystring: z.object({ download: z.enum(['true', 'false']).default('false') }),
      produces: ['text/html'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const { report, tree } = await buildReport(app.db, request.params.campaignId, request.params.unitId);
    const disposition = request.query.download === 'true' ? 'attachment' : 'inline';
    return sendFile(reply, reportHtml(report, tree), 'text/html; charset=utf-8', fileName(report, 'bao-cao', 'html'), disposition);
  });
}
