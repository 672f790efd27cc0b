import { useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../shared/api/openapi';
import { apiUrl } from '../../../shared/api/apiUrl';

export type PublishedCampaign = ApiResponse<'/api/public/campaigns/{campaignId}'>;
export type PublicReport = PublishedCampaign['report'];
export type PublicGroup = PublicReport['groups'][number];
export type PublicUnit = PublicGroup['units'][number];

/** GET /api/public/campaigns — the published campaigns (no login). */
export function usePublishedCampaigns() {
  return useQuery({
    queryKey: ['public', 'campaigns'],
    queryFn: ({ signal }) => api.get('/api/public/campaigns', { signal }),
  });
}

/** GET /api/public/campaigns/:campaignId — a published campaign's snapshot; 404 when it is not published. */
export function usePublishedCampaign(campaignId: string) {
  return useQuery({
    queryKey: ['public', 'campaigns', campaignId],
    queryFn: ({ signal }) => api.get('/api/public/campaigns/{campaignId}', { params: { campaignId }, signal }),
    retry: false,
  });
}

/** The published ranking table's files. */
export const publicDownloadUrls = (campaignId: string) => ({
  xlsx: apiUrl('/api/public/campaigns/{campaignId}/ranking.xlsx', { campaignId }),
  csv: apiUrl('/api/public/campaigns/{campaignId}/ranking.csv', { campaignId }),
});
