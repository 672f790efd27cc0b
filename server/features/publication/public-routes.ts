import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/schemas';
import { rankingCsv, rankingXlsx } from '../reports/ranking-table';
import { FileOut, sendFile } from '../reports/send-file';
import { listPublished } from './repository';
import { PublishedCampaignOut, PublishedListOut } from './schemas';
import { publishedCampaign } from './service';

const Params = z.object({ campaignId: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** PAR-INDEX_2023_bang-xep-hang_cong-bo-v2.xlsx */
const fileName = (year: number, version: number, ext: string) => `PAR-INDEX_${year}_bang-xep-hang_cong-bo-v${version}.${ext}`;

/**
 * /api/public — no login. Only published campaigns (latest version, not withdrawn), only the published snapshot's
 * aggregate figures; an unknown, unpublished or withdrawn campaign is 404. The downloads are the ranking exports
 * (reports/ranking-table.ts) of the snapshot.
 */
export default async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // anyone may call these: a per-IP limit keeps the workbook building from being used to load the server
  const rateLimit = { max: app.config.publicRateLimitPerMinute, timeWindow: '1 minute' };

  r.get('/campaigns', {
    config: { roles: 'public', rateLimit },
    schema: { tags: ['public'], summary: 'Published campaigns (no login)', response: { 200: PublishedListOut, ...errorResponses } },
  }, async () => ({
    campaigns: (await listPublished(app.db)).map((c) => ({ id: c.id, name: c.name, year: c.year, version: c.version, publishedAt: new Date(c.published_at).toISOString() })),
  }));

  r.get('/campaigns/:campaignId', {
    config: { roles: 'public', rateLimit },
    schema: { tags: ['public'], summary: 'A published campaign\'s results (no login): ranking per group with bands, index, parts, fields, change', params: Params, response: { 200: PublishedCampaignOut, ...errorResponses } },
  }, async (request) => publishedCampaign(app.db, request.params.campaignId));

  r.get('/campaigns/:campaignId/ranking.xlsx', {
    config: { roles: 'public', rateLimit },
    schema: { tags: ['public'], summary: 'The published ranking table as an Excel workbook (a sheet per group)', params: Params, produces: [XLSX], response: { 200: FileOut, ...errorResponses } },
  }, async (request, reply) => {
    const { publication, report } = await publishedCampaign(app.db, request.params.campaignId);
    return sendFile(reply, await rankingXlsx(report), XLSX, fileName(report.campaign.year, publication.version, 'xlsx'));
  });

  r.get('/campaigns/:campaignId/ranking.csv', {
    config: { roles: 'public', rateLimit },
    schema: {
      tags: ['public'],
      summary: 'The published ranking table as CSV: UTF-8 with BOM, CRLF; ?decimal=comma for ";" and decimal commas',
      params: Params,
      querystring: z.object({ decimal: z.enum(['point', 'comma']).default('point') }),
      produces: ['text/csv'],
      response: { 200: FileOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const { publication, report } = await publishedCampaign(app.db, request.params.campaignId);
    return sendFile(reply, rankingCsv(report, request.query.decimal === 'comma'), 'text/csv; charset=utf-8', fileName(report.campaign.year, publication.version, 'csv'));
  });
}
