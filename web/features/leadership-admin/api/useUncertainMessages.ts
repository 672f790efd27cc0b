import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { leadershipKeys } from './paths';

/** GET …/leadership/uncertain — messages handed to SMTP when the sender stopped, of people yet to answer. */
export function useUncertainMessages(campaignId: string) {
  return useQuery({
    queryKey: leadershipKeys.uncertain(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/leadership/uncertain', { params: { campaignId }, signal }).then((r) => r.messages),
  });
}
