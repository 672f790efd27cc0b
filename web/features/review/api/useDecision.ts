import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { Decision } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

/** POST /api/fieldwork/forms/:formId/decision — accept, reject or return a form (reason required for the last two). */
export function useDecision(formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) => api.post('/api/fieldwork/forms/{formId}/decision', { params: { formId }, body: decision }),
    onSuccess: ({ form }) => {
      // the event history changed too: reload the form; the queue, dashboard and re-checks of its campaign follow
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldworkForm(formId) });
      if (form?.campaignId) void queryClient.invalidateQueries({ queryKey: queryKeys.fieldwork(form.campaignId) });
    },
  });
}
