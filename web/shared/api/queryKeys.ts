// Query keys shared by features, so one feature's change can refresh another's data without importing it.
import type { FormFilters } from './types';

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
  // SIPAS fieldwork: everything of a campaign's fieldwork sits under one prefix, so a change can refresh it all
  fieldwork: (campaignId: string) => ['campaigns', campaignId, 'fieldwork'] as const,
  fieldworkSetup: (campaignId: string) => ['campaigns', campaignId, 'fieldwork', 'setup'] as const,
  fieldworkForms: (campaignId: string, filters?: FormFilters) =>
    filters ? (['campaigns', campaignId, 'fieldwork', 'forms', filters] as const) : (['campaigns', campaignId, 'fieldwork', 'forms'] as const),
  fieldworkRechecks: (campaignId: string) => ['campaigns', campaignId, 'fieldwork', 'rechecks'] as const,
  fieldworkDashboard: (campaignId: string) => ['campaigns', campaignId, 'fieldwork', 'dashboard'] as const,
  /** one form with its events (its campaign is not known before it loads) */
  fieldworkForm: (formId: string) => ['fieldwork', 'forms', formId] as const,
};
