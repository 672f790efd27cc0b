// Query keys shared by features, so one feature's change can refresh another's data without importing it.
export const queryKeys = {
  me: ['me'] as const,
  units: ['units'] as const,
  criteriaSets: ['criteria-sets'] as const,
  criteriaSet: (code: string) => ['criteria-sets', code] as const,
  bandSets: ['band-sets'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (campaignId: string) => ['campaigns', campaignId] as const,
  scores: (campaignId: string, unitId: string) => ['campaigns', campaignId, 'units', unitId, 'scores'] as const,
  scoreHistory: (campaignId: string, unitId: string, code: string) =>
    ['campaigns', campaignId, 'units', unitId, 'scores', code, 'history'] as const,
  ranking: (campaignId: string) => ['campaigns', campaignId, 'ranking'] as const,
};
