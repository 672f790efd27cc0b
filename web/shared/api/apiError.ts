/** An error answered by the API (`{ error: { code, message, message_vi? } }`) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string | null;

  constructor(status: number, code: string, message: string, messageVi: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageVi = messageVi;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
