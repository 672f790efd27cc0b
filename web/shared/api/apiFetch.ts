import { ApiError } from './apiError';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiFetchOptions {
  method?: Method;
  /** serialised as JSON */
  body?: unknown;
  signal?: AbortSignal;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; message_vi?: unknown; details?: unknown };
}

/**
 * Calls the JSON API with the session cookie. Resolves with the parsed body (undefined for 204);
 * rejects with an ApiError carrying the HTTP status and the server's code and message.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => null);

  if (!response.ok) throw apiErrorOf(response, parsed);
  return parsed as T;
}

/** The ApiError of a refused request, from its parsed JSON body (null when the body was not JSON). */
export function apiErrorOf(response: Response, parsed: unknown): ApiError {
  const error = (parsed as ErrorBody | null)?.error;
  return new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : 'http_error',
    typeof error?.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`,
    typeof error?.message_vi === 'string' ? error.message_vi : null,
    error?.details,
  );
}
