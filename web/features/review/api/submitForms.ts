import { api } from '../../../shared/api/openapi';
import type { FormEnvelope, SubmissionResult } from '../../../shared/api/types';

/** POST /api/fieldwork/submissions — one batch (1–500 forms); one receipt per form, in the same order. */
export function submitForms(forms: readonly FormEnvelope[], signal?: AbortSignal): Promise<SubmissionResult> {
  return api.post('/api/fieldwork/submissions', { body: { forms: [...forms] }, signal });
}
