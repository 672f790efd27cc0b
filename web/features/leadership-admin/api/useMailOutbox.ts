import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { MailOutbox } from '../../../shared/api/types';
import { leadershipKeys } from './paths';

/** GET /api/mail-outbox?limit=&offset= (admin) — the messages delivered while no SMTP server is configured. */
export function useMailOutbox(limit: number, offset: number) {
  return useQuery({
    queryKey: leadershipKeys.outbox(limit, offset),
    queryFn: ({ signal }) => apiFetch<MailOutbox>(`/api/mail-outbox?limit=${limit}&offset=${offset}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
