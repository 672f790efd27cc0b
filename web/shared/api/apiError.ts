/** An error answered by the API (`{ error: { code, message, message_vi?, details? } }`) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string | null;
  /** the error body's `details` (e.g. per-row errors of a refused CSV), as the server sent them */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, messageVi: string | null = null, details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageVi = messageVi;
    this.details = details;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
