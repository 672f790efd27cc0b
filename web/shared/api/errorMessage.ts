import type { TFunction } from 'i18next';
import { ApiError } from './apiError';

/** The text to show for a failed request, in the current language (the server's own message first). */
export function errorMessage(error: unknown, t: TFunction, lang: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 429) return t('errors.tooManyRequests');
    if (error.status === 401) return t('errors.unauthorized');
    if (error.status === 403) return t('errors.forbidden');
    if (!lang.startsWith('en') && error.messageVi) return error.messageVi;
    if (error.message) return error.message;
    if (error.status === 404) return t('errors.notFound');
    return t('errors.generic', { status: error.status });
  }
  return error instanceof Error ? error.message : t('errors.unknown');
}
