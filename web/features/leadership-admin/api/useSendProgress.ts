import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import type { SendProgress } from '../../../shared/api/types';
import { leadershipKeys } from './paths';

export const POLL_MS = 2000;

/** Something is still waiting in the queue or being sent. */
export const isSending = (p: SendProgress | undefined): boolean => p != null && (p.queued > 0 || p.sending > 0);

/** GET …/leadership/progress — asked again every 2 s while anything is queued or sending. */
export function useSendProgress(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.progress(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/leadership/progress', { params: { campaignId }, signal }),
    staleTime: 0,
    refetchInterval: (query) => (isSending(query.state.data) ? POLL_MS : false),
  });
}
