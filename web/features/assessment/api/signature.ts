// Signature check of evidence (issue 13): trusted roots (admins) and the campaign's "signed evidence required" setting.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { ApiResponse } from '../../../shared/api/openapi';
import { assessmentKeys } from './paths';

const ROOTS = '/api/evidence/signature/trusted-roots';
const settingPath = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/evidence-signature-setting`;
const rootKeys = ['evidence', 'signature', 'trusted-roots'] as const;

export type TrustedRoot = ApiResponse<typeof ROOTS>['roots'][number];
export type SignatureSetting = ApiResponse<'/api/campaigns/{campaignId}/evidence-signature-setting'>;

/** GET …/trusted-roots (admins) */
export const useTrustedRoots = (enabled: boolean) =>
  useQuery({ queryKey: rootKeys, queryFn: ({ signal }) => apiFetch<{ roots: TrustedRoot[] }>(ROOTS, { signal }), enabled });

/** After roots change every badge may change: refresh the roots and everything under the campaign. */
function useRefresh(campaignId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: rootKeys });
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.campaign(campaignId) });
  };
}

/** POST …/trusted-roots — `certificate` is PEM text or a DER file in base64. */
export function useAddTrustedRoot(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (certificate: string) => apiFetch(ROOTS, { method: 'POST', body: { certificate } }), onSuccess: refresh });
}

/** DELETE …/trusted-roots/:id */
export function useDeleteTrustedRoot(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (id: string) => apiFetch(`${ROOTS}/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: refresh });
}

/** GET/PUT /api/campaigns/:campaignId/evidence-signature-setting (admins, analysts) */
export const useSignatureSetting = (campaignId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...assessmentKeys.campaign(campaignId), 'signature-setting'],
    queryFn: ({ signal }) => apiFetch<SignatureSetting>(settingPath(campaignId), { signal }),
    enabled,
  });

export function useSetSignatureSetting(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (required: boolean) => apiFetch(settingPath(campaignId), { method: 'PUT', body: { required } }), onSuccess: refresh });
}
