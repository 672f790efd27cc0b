import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { api } from '../../../shared/api/openapi';
import { assessmentKeys, assessmentPath } from './paths';
import type { QueueItem } from './types';

/** GET /api/assessment/campaigns — the self-assessment campaigns I take part in. */
export const useMyAssessmentCampaigns = () =>
  useQuery({ queryKey: assessmentKeys.mine, queryFn: ({ signal }) => api.get('/api/assessment/campaigns', { signal }) });

/** GET …/assessment/phases */
export const usePhases = (campaignId: string) =>
  useQuery({ queryKey: assessmentKeys.phases(campaignId), queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/phases', { params: { campaignId }, signal }) });

/** GET …/assessment/sheets — every unit's sheet I may see, with counts. */
export const useSheets = (campaignId: string) =>
  useQuery({ queryKey: assessmentKeys.sheets(campaignId), queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/sheets', { params: { campaignId }, signal }) });

/** GET …/assessment/sheets/:unitId — the unit's criteria tree with each leaf's state. */
export const useSheet = (campaignId: string, unitId: string) =>
  useQuery({ queryKey: assessmentKeys.sheet(campaignId, unitId), queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/sheets/{unitId}', { params: { campaignId, unitId }, signal }) });

/** GET …/sheets/:unitId/check — what is missing before submitting. */
export const useGaps = (campaignId: string, unitId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...assessmentKeys.sheet(campaignId, unitId), 'check'],
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/check', { params: { campaignId, unitId }, signal }),
    enabled,
  });

/** GET …/leaves/:code/history */
export const useLeafHistory = (campaignId: string, unitId: string, code: string) =>
  useQuery({
    queryKey: assessmentKeys.history(campaignId, unitId, code),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/history', { params: { campaignId, unitId, code }, signal }),
  });

/** GET /api/campaigns/:campaignId/units/:unitId/evidence — the unit's documents (to attach one again). */
export const useEvidenceDocuments = (campaignId: string, unitId: string) =>
  useQuery({
    queryKey: assessmentKeys.evidence(campaignId, unitId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/units/{unitId}/evidence', { params: { campaignId, unitId }, signal }),
  });

/** the queue page's filters (from its URL); sent as the query of GET …/assessment/queue */
export interface QueueFilters { field?: string; unitId?: string; status?: string; differs?: boolean }
/** GET …/assessment/queue — the leaves I appraise across units. */
export const useQueue = (campaignId: string, filters: QueueFilters) =>
  useQuery({
    queryKey: assessmentKeys.queue(campaignId, filters),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '' && v !== false) q.set(k, String(v));
      return apiFetch<{ items: QueueItem[] }>(`${assessmentPath(campaignId)}/queue${q.size ? `?${q}` : ''}`, { signal });
    },
  });

/** GET …/assessment/progress — units × fields. */
export const useProgress = (campaignId: string) =>
  useQuery({ queryKey: assessmentKeys.progress(campaignId), queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/progress', { params: { campaignId }, signal }) });

/** GET /api/notifications — what changed for me, refreshed every minute. */
export const useNotifications = () =>
  useQuery({
    queryKey: assessmentKeys.notifications,
    queryFn: ({ signal }) => api.get('/api/notifications', { signal }),
    refetchInterval: 60_000,
  });

/** GET …/assessment/appraisers — who appraises which fields, and the appraiser accounts to choose from. */
export const useAssignments = (campaignId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...assessmentKeys.campaign(campaignId), 'appraisers'],
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/assessment/appraisers', { params: { campaignId }, signal }),
    enabled,
  });
