import { downloadBlob } from '../download';
import { ApiError } from './apiError';
import { apiErrorOf } from './apiFetch';

/** The file name of a Content-Disposition header (the UTF-8 `filename*` first), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!.trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

/**
 * Fetches a file from the API with the session cookie and saves it under the server's file name. A refusal
 * (404 "no leadership survey", 403, a network failure…) rejects with an ApiError to show, instead of the browser
 * saving the error body as the file or doing nothing, as a plain download link does.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) throw apiErrorOf(response, await response.json().catch(() => null));
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  downloadBlob(await response.blob(), name);
  return name;
}
