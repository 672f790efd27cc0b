const enc = encodeURIComponent;

/** /api/campaigns/:campaignId/assessment */
export const assessmentPath = (campaignId: string) => `/api/campaigns/${enc(campaignId)}/assessment`;
export const sheetPath = (campaignId: string, unitId: string) => `${assessmentPath(campaignId)}/sheets/${enc(unitId)}`;
export const evidencePath = (campaignId: string, unitId: string) => `/api/campaigns/${enc(campaignId)}/units/${enc(unitId)}/evidence`;
export const evidenceContentPath = (documentId: string, download = false) => `/api/evidence/${enc(documentId)}/content${download ? '?download=1' : ''}`;

export const assessmentKeys = {
  mine: ['assessment', 'mine'] as const,
  campaign: (campaignId: string) => ['campaigns', campaignId, 'assessment'] as const,
  phases: (campaignId: string) => ['campaigns', campaignId, 'assessment', 'phases'] as const,
  sheets: (campaignId: string) => ['campaigns', campaignId, 'assessment', 'sheets'] as const,
  sheet: (campaignId: string, unitId: string) => ['campaigns', campaignId, 'assessment', 'sheets', unitId] as const,
  history: (campaignId: string, unitId: string, code: string) => ['campaigns', campaignId, 'assessment', 'sheets', unitId, 'history', code] as const,
  evidence: (campaignId: string, unitId: string) => ['campaigns', campaignId, 'assessment', 'sheets', unitId, 'evidence'] as const,
  queue: (campaignId: string, filters: object) => ['campaigns', campaignId, 'assessment', 'queue', filters] as const,
  progress: (campaignId: string) => ['campaigns', campaignId, 'assessment', 'progress'] as const,
  notifications: ['notifications'] as const,
};
