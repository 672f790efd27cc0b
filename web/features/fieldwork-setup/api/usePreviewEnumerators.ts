import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { EnumeratorPreview } from '../../../shared/api/types';
import { fieldworkPath } from '../../../shared/api/useFieldworkSetup';

/** POST …/fieldwork/enumerators/preview — reads and checks the CSV; stores nothing. */
export function usePreviewEnumerators(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => apiFetch<EnumeratorPreview>(`${fieldworkPath(campaignId)}/enumerators/preview`, { method: 'POST', body: { text } }),
  });
}
