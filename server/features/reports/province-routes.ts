import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { STAFF } from '../../http/roles';
import { buildProvinceReport } from './province';
import { provinceReportHtml } from './province-html';
import { ProvinceReportOut, type ProvinceReport } from './province-schemas';
import { rankingCsv, rankingXlsx } from './ranking-table';
import { FileOut, sendFile } from './send-file';

const Params = z.object({ campaignId: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** PAR-INDEX_2023_bang-xep-hang.xlsx: the campaign's year. */
const fileName = (r: ProvinceReport, what: string, ext: string) => `PAR-INDEX_${r.campaign.year}_${what}.${ext}`;

/**
 * Routes under /api/campaigns/:campaignId/report — the province-wide outputs (issue 12 point 11): the ranking table
 * of all units (XLSX, CSV) and the province-wide report (JSON, printable HTML). Same figures as GET …/ranking.
 */
export default async function provinceReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The province-wide report: every ranked unit per group with fields, parts, band, rank and change; bands, top and bottom units, per field who lost most points where',
      params: Params,
      response: { 200: ProvinceReportOut, ...errorResponses },
    },
  }, async (request) => buildProvinceReport(app.db, request.params.campaignId));

  r.get('/ranking.xlsx', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The ranking table as an Excel workbook: a sheet per group, a row per unit (fields, parts, total, index, band, rank, change)',
      params: Params,
      produces: [XLSX],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const report = await buildProvinceReport(app.db, request.params.campaignId);
    return sendFile(reply, await rankingXlsx(report), XLSX, fileName(report, 'bang-xep-hang', 'xlsx'));
  });

  r.get('/ranking.csv', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The ranking table as CSV (all groups, a row per unit): UTF-8 with BOM, CRLF; ?decimal=comma for ";" and decimal commas',
      params: Params,
      querystring: z.object({ decimal: z.enum(['point', 'comma']).default('point') }),
      produces: ['text/csv'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const report = await buildProvinceReport(app.db, request.params.campaignId);
    const comma = request.query.decimal === 'comma';
    return sendFile(reply, rankingCsv(report, comma), 'text/csv; charset=utf-8', fileName(report, comma ? 'bang-xep-hang_dau-phay' : 'bang-xep-hang', 'csv'));
  });

  r.get('/print.html', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The province-wide report as a standalone printable HTML page (A4, the appendix landscape); ?download=true to save it',
      params: Params,
      querystring: z.object({ download: z.enum(['true', 'false']).default('false') }),
      produces: ['text/html'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const report = await buildProvinceReport(app.db, request.params.campaignId);
    const disposition = request.query.download === 'true' ? 'attachment' : 'inline';
    return sendFile(reply, provinceReportHtml(report), 'text/html; charset=utf-8', fileName(report, 'bao-cao-toan-tinh', 'html'), disposition);
  });
}
