import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';

/**
 * GET /api/respond/:token (public) — the campaign and questionnaire of a personal link; 404 `unknown_token`,
 * 410 `expired`, 409 `already_answered`. Asked once: the answer does not change while the page is open.
 */
export function useRespondInfo(token: string) {
  return useQuery({
    // the token is kept out of the shared cache keys' prefixes used by the staff screens
    queryKey: ['respond', token],
    queryFn: ({ signal }) => api.get('/api/respond/{token}', { params: { token }, signal }),
    staleTime: Infinity,
    gcTime: 0,
  });
}
