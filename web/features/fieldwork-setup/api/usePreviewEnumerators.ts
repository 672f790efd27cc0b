import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

/** POST …/fieldwork/enumerators/preview — reads and checks the CSV; stores nothing. */
export function usePreviewEnumerators(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/fieldwork/enumerators/preview', { params: { campaignId }, body: { text } }),
  });
}
