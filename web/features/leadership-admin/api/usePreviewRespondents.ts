import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

/** POST …/leadership/respondents/preview — reads and checks the CSV; stores nothing. */
export function usePreviewRespondents(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/leadership/respondents/preview', { params: { campaignId }, body: { text } }),
  });
}
