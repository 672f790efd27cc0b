import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { CsvRowError } from '../../../shared/api/contract';

export type PopulationLevel = 'province' | 'district' | 'commune' | 'all';
export const POPULATION_LEVELS: readonly PopulationLevel[] = ['all', 'province', 'district', 'commune'];

export interface PopulationRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  level: PopulationLevel;
  population: number;
}

export interface PopulationPreview {
  rows: { row: number; unitCode: string; unitId: string; level: PopulationLevel; population: number }[];
  errors: CsvRowError[];
}

const path = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;
export const populationKey = (campaignId: string) => ['campaigns', campaignId, 'population'] as const;

/** GET …/population — the population of each stratum (unit, or unit × level). */
export function usePopulation(campaignId: string) {
  return useQuery({
    queryKey: populationKey(campaignId),
    queryFn: ({ signal }) => apiFetch<{ rows: PopulationRow[] }>(`${path(campaignId)}/population`, { signal }).then((r) => r.rows),
  });
}

/** PUT …/population — replaces the whole table. */
export function useSavePopulation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rows: { unitId: string; level: PopulationLevel; population: number }[]) =>
      apiFetch<{ rows: PopulationRow[] }>(`${path(campaignId)}/population`, { method: 'PUT', body: { rows } }),
    onSuccess: (data) => queryClient.setQueryData(populationKey(campaignId), data.rows),
  });
}

/** POST …/population/preview — reads and checks the CSV; stores nothing. */
export function usePreviewPopulation(campaignId: string) {
  return useMutation({
    mutationFn: (text: string) => apiFetch<PopulationPreview>(`${path(campaignId)}/population/preview`, { method: 'POST', body: { text } }),
  });
}

/** POST …/population/commit — replaces the table with the file's rows, all or none. */
export function useCommitPopulation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => apiFetch<{ rows: PopulationRow[] }>(`${path(campaignId)}/population/commit`, { method: 'POST', body: { text } }),
    onSuccess: (data) => queryClient.setQueryData(populationKey(campaignId), data.rows),
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
