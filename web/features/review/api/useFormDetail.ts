import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/apiFetch';
import type { FormWithEvents } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';

export const formPath = (formId: string) => `/api/fieldwork/forms/${encodeURIComponent(formId)}`;

/** GET /api/fieldwork/forms/:formId — answers, paradata and the event history of one form. */
export function useFormDetail(formId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkForm(formId),
    queryFn: ({ signal }) => apiFetch<FormWithEvents>(formPath(formId), { signal }),
  });
}
