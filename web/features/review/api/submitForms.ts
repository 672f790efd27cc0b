import { apiFetch } from '../../../shared/api/apiFetch';
import type { FormEnvelope, SubmissionResult } from '../../../shared/api/types';

/** POST /api/fieldwork/submissions — one batch (1–500 forms); one receipt per form, in the same order. */
export function submitForms(forms: readonly FormEnvelope[], signal?: AbortSignal): Promise<SubmissionResult> {
  return apiFetch<SubmissionResult>('/api/fieldwork/submissions', { method: 'POST', body: { forms }, signal });
}
