import { useQuery } from '@tanstack/react-query';
import { api } from '../api/openapi';
import { isApiError } from '../api/apiError';
import type { User } from '../api/types';
import { queryKeys } from '../api/queryKeys';

/** GET /api/auth/me — the signed-in user, or null when the session is missing (401). */
export function fetchCurrentUser(signal?: AbortSignal): Promise<User | null> {
  return api.get('/api/auth/me', { signal }).then(
    (r) => r.user,
    (error: unknown) => {
      if (isApiError(error, 401)) return null;
      throw error;
    },
  );
}

export function useCurrentUser() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchCurrentUser(signal),
    staleTime: Infinity,
  });
}
