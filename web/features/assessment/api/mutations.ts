import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { api, type ApiBody } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';
import { assessmentKeys, sheetPath } from './paths';
import type { Phase } from './types';

/** After any change to a sheet: refresh it, the list, the queue and the progress (all under the campaign's prefix). */
function useRefreshCampaign(campaignId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.campaign(campaignId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.ranking(campaignId) });
  };
}

export type SelfUpdate = ApiBody<'/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/self', 'put'>;
/** PUT …/leaves/:code/self — the unit's own score, rule figures and explanation. */
export function useSaveSelf(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: ({ code, update }: { code: string; update: SelfUpdate }) => api.put('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/self', { params: { campaignId, unitId, code }, body: update }),
    onSettled: refresh,
  });
}

export type AppraisalUpdate = ApiBody<'/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/appraisal', 'put'>;
/** PUT …/leaves/:code/appraisal */
export function useAppraise(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: ({ code, update }: { code: string; update: AppraisalUpdate }) => api.put('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/appraisal', { params: { campaignId, unitId, code }, body: update }),
    onSettled: refresh,
  });
}

/** PUT …/leaves/:code/response — the unit answers a lowered score (giải trình). */
export function useRespond(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: ({ code, version, text }: { code: string; version: number; text: string }) =>
      api.put('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/response', { params: { campaignId, unitId, code }, body: { version, text } }),
    onSettled: refresh,
  });
}

/** PUT …/leaves/:code/final — the appraiser's final score after the response. */
export function useFinalise(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: ({ code, version, score, comment }: { code: string; version: number; score: number; comment?: string }) =>
      api.put('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/leaves/{code}/final', { params: { campaignId, unitId, code }, body: { version, score, ...(comment ? { comment } : {}) } }),
    onSettled: refresh,
  });
}

/** POST …/sheets/:unitId/{submit|approve|finalise|response/close} */
export function useSheetAction(campaignId: string, unitId: string, action: 'submit' | 'approve' | 'finalise' | 'response/close') {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: (body: { acknowledge?: boolean } = {}) => apiFetch(`${sheetPath(campaignId, unitId)}/${action}`, { method: 'POST', body }),
    onSettled: refresh,
  });
}

/** PUT …/assessment/phases */
export function useSavePhases(campaignId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: (phases: { phase: Phase; opensAt: string; closesAt: string | null }[]) =>
      api.put('/api/campaigns/{campaignId}/assessment/phases', { params: { campaignId }, body: { phases } }),
    onSettled: refresh,
  });
}

/** POST …/evidence/:documentId/links — attach an uploaded document to another criterion, with a pointer. */
export function useLinkEvidence(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: ({ documentId, criterionCode, pointer, stage }: { documentId: string; criterionCode: string; pointer?: string; stage?: 'self' | 'response' }) =>
      api.post('/api/campaigns/{campaignId}/units/{unitId}/evidence/{documentId}/links', {
        params: { campaignId, unitId, documentId }, body: { criterionCode, ...(pointer ? { pointer } : {}), ...(stage ? { stage } : {}) },
      }),
    onSettled: refresh,
  });
}

/** DELETE …/evidence/links/:linkId — detach a document from one criterion. */
export function useUnlinkEvidence(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: (linkId: string) => api.delete('/api/campaigns/{campaignId}/units/{unitId}/evidence/links/{linkId}', { params: { campaignId, unitId, linkId } }),
    onSettled: refresh,
  });
}

/** POST /api/notifications/:id/read */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/api/notifications/{id}/read', { params: { id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: assessmentKeys.notifications }),
  });
}

/** PUT …/assessment/appraisers — replaces the campaign's assignments. */
export function useSaveAssignments(campaignId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: (assignments: { userId: string; criteriaSetCode: string; criterionCode: string }[]) =>
      api.put('/api/campaigns/{campaignId}/assessment/appraisers', { params: { campaignId }, body: { assignments } }),
    onSettled: refresh,
  });
}

/** POST …/sheets/:unitId/reopen — an admin reopens one phase for one unit, until a date, with a reason. */
export function useReopen(campaignId: string, unitId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: (body: { phase: Phase; until: string; reason: string }) => api.post('/api/campaigns/{campaignId}/assessment/sheets/{unitId}/reopen', { params: { campaignId, unitId }, body }),
    onSettled: refresh,
  });
}
