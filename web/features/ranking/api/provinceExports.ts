import { apiUrl } from '../../../shared/api/apiUrl';

/** The province-wide files of a campaign (GET /api/campaigns/:campaignId/report/…); the session cookie goes with a plain link. */
export function provinceExportUrls(campaignId: string) {
  const url = (path: string, query?: Record<string, string>) => apiUrl(`/api/campaigns/{campaignId}/report/${path}`, { campaignId }, query);
  return {
    xlsx: url('ranking.xlsx'),
    csv: url('ranking.csv'),
    csvComma: url('ranking.csv', { decimal: 'comma' }),
    html: url('print.html'),
    htmlDownload: url('print.html', { download: 'true' }),
  };
}
