import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

export function reportPath(campaignId: string, unitId: string): string {
  return `/api/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/report`;
}

/** Under the unit's prefix in the campaign, next to its scores. */
export const reportKey = (campaignId: string, unitId: string) => ['campaigns', campaignId, 'units', unitId, 'report'] as const;

/** GET /api/campaigns/:campaignId/units/:unitId/report — the yearly analysis report. */
export function useReport(campaignId: string, unitId: string) {
  return useQuery({
    queryKey: reportKey(campaignId, unitId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/units/{unitId}/report', { params: { campaignId, unitId }, signal }),
  });
}

/** The files the server makes (the session cookie goes with a plain link). */
export function exportUrls(campaignId: string, unitId: string) {
  const base = reportPath(campaignId, unitId);
  return {
    xlsx: `${base}/appendix.xlsx`,
    csv: `${base}/appendix.csv`,
    csvComma: `${base}/appendix.csv?decimal=comma`,
    html: `${base}/print.html`,
    htmlDownload: `${base}/print.html?download=true`,
  };
}

/** The province-wide report of the campaign (all units), printable (GET /api/campaigns/:campaignId/report/print.html). */
export const provinceReportUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/report/print.html`;
