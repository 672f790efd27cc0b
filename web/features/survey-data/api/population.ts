import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../shared/api/openapi';

type PopulationPath = '/api/campaigns/{campaignId}/population';
export type PopulationRow = ApiResponse<PopulationPath>['rows'][number];
export type PopulationLevel = PopulationRow['level'];
/** a campaign's level of government, labelled by its questionnaire (province and commune in a two-level campaign) */
export type PopulationGovLevel = ApiResponse<PopulationPath>['levels'][number];
/** the levels a row may have: the unit as a whole (`all`), then the campaign's levels of government */
export const populationLevels = (levels: readonly PopulationGovLevel[]): PopulationLevel[] => ['all', ...levels.map((l) => l.value)];
export type PopulationPreview = ApiResponse<`${PopulationPath}/preview`, 'post'>;

const path = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;
export const populationKey = (campaignId: string) => ['campaigns', campaignId, 'population'] as const;

/** GET …/population — the population of each stratum (unit, or unit × level), and the campaign's levels. */
export function usePopulation(campaignId: string) {
  return useQuery({
    queryKey: populationKey(campaignId),
    queryFn: ({ signal }) => api.get('/api/campaigns/{campaignId}/population', { params: { campaignId }, signal }),
  });
}

/** PUT …/population — replaces the whole table. */
export function useSavePopulation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rows: ApiBody<PopulationPath, 'put'>['rows']) =>
      api.put('/api/campaigns/{campaignId}/population', { params: { campaignId }, body: { rows } }),
    onSuccess: (data) => queryClient.setQueryData(populationKey(campaignId), data),
  });
}

/** POST …/population/preview — reads and checks the CSV; stores nothing. */
export function usePreviewPopulation(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/population/preview', { params: { campaignId }, body: { text } }),
  });
}

/** POST …/population/commit — replaces the table with the file's rows, all or none. */
export function useCommitPopulation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post('/api/campaigns/{campaignId}/population/commit', { params: { campaignId }, body: { text } }),
    onSuccess: (data) => queryClient.setQueryData(populationKey(campaignId), data),
  });
}

/** The four anonymised files (fetched with the session cookie, saved under the server's file names). */
export function microdataUrls(campaignId: string) {
  const base = `${path(campaignId)}/microdata`;
  return {
    sipas: `${base}/sipas.csv`,
    sipasCodebook: `${base}/sipas-codebook.csv`,
    leadership: `${base}/leadership.csv`,
    leadershipCodebook: `${base}/leadership-codebook.csv`,
  };
}
