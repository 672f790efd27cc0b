import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import { respondPath } from './useRespondInfo';

/** POST /api/respond/:token — the answers, once; 201 `{ ok }`, 409 when the link was used already. */
export function useSubmitResponse(token: string) {
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) => apiFetch<{ ok: true }>(respondPath(token), { method: 'POST', body: { answers } }),
  });
}
