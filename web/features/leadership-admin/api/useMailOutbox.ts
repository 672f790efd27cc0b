import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** GET /api/mail-outbox?limit=&offset= (admin) — the messages delivered while no SMTP server is configured. */
export function useMailOutbox(limit: number, offset: number) {
  return useQuery({
    queryKey: leadershipKeys.outbox(limit, offset),
    queryFn: ({ signal }) => api.get('/api/mail-outbox', { query: { limit, offset }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
