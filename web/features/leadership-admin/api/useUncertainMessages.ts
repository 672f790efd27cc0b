import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { UncertainMessage } from '../../../shared/api/types';
import { leadershipKeys, leadershipPath } from './paths';

/** GET …/leadership/uncertain — messages handed to SMTP when the sender stopped, of people yet to answer. */
export function useUncertainMessages(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.uncertain(campaignId),
    queryFn: ({ signal }) => apiFetch<{ messages: UncertainMessage[] }>(`${leadershipPath(campaignId)}/uncertain`, { signal }).then((r) => r.messages),
  });
}
