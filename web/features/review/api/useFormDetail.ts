import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/openapi';
import { queryKeys } from '../../../shared/api/queryKeys';

/** GET /api/fieldwork/forms/:formId — answers, paradata and the event history of one form. */
export function useFormDetail(formId: string) {
  return useQuery({
    queryKey: queryKeys.fieldworkForm(formId),
    queryFn: ({ signal }) => api.get('/api/fieldwork/forms/{formId}', { params: { formId }, signal }),
  });
}
