// Signature check of evidence (issue 13): trusted roots (admins) and the campaign's "signed evidence required" setting.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../shared/api/openapi';
import { assessmentKeys } from './paths';

const ROOTS = '/api/evidence/signature/trusted-roots';
const rootKeys = ['evidence', 'signature', 'trusted-roots'] as const;

export type TrustedRoot = ApiResponse<typeof ROOTS>['roots'][number];
export type SignatureSetting = ApiResponse<'/api/campaigns/{campaignId}/evidence-signature-setting'>;

/** GET …/trusted-roots (admins) */
export const useTrustedRoots = (enabled: boolean) =>
  useQuery({ queryKey: rootKeys, queryFn: ({ signal }) => api.get(ROOTS, { signal }), enabled });

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
  return useMutation({ mutationFn: (certificate: string) => api.post(ROOTS, { body: { certificate } }), onSuccess: refresh });
}

/** DELETE …/trusted-roots/:id */
export function useDeleteTrustedRoot(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (id: string) => api.delete('/api/evidence/signature/trusted-roots/{id}', { params: { id } }), onSuccess: refresh });
}

/** GET/PUT /api/campaigns/:campaignId/evidence-signature-setting (admins, analysts) */
export const useSignatureSetting = (campaignId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...assessmentKeys.campaign(campaignId), 'signature-setting'],
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/evidence-signature-setting', { params: { campaignId }, signal }),
    enabled,
  });

export function useSetSignatureSetting(campaignId: string) {
  const refresh = useRefresh(campaignId);
  return useMutation({ mutationFn: (required: boolean) => api.put('/api/campaigns/{campaignId}/evidence-signature-setting', { params: { campaignId }, body: { required } }), onSuccess: refresh });
}
