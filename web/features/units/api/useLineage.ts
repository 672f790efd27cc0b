import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse } from '../../../shared/api/openapi';

export type LineageEvent = ApiResponse<'/api/units/lineage'>['events'][number];
export type NewLineageEvent = ApiBody<'/api/units/lineage', 'post'>;

const lineageKey = ['units', 'lineage'] as const;

/** GET /api/units/lineage — merges, splits and renames, newest first. */
export function useLineage() {
  return useQuery({ queryKey: lineageKey, queryFn: ({ signal }) => api.get('/api/units/lineage', { signal }).then((r) => r.events) });
}

/** POST /api/units/lineage */
export function useAddLineage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (event: NewLineageEvent) => api.post('/api/units/lineage', { body: event }).then((r) => r.event),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lineageKey }),
  });
}
