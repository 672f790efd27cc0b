// GET /api/campaigns is read by the fieldwork index too, so the hook lives in shared/api.
export { useCampaigns } from '../../../shared/api/useCampaigns';
