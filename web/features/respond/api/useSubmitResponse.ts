import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

/** POST /api/respond/:token — the answers, once; 201 `{ ok }`, 409 when the link was used already. */
export function useSubmitResponse(token: string) {
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) => api.post('/api/respond/{token}', { params: { token }, body: { answers } }),
  });
}
