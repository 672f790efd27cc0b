/** Errors with a typed code and a message in Vietnamese and English. 5xx details never reach the client. */
export type ErrorCode =
  | 'validation'
  | 'invalid_credentials'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_origin'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  /** 409: a self-assessment / appraisal step outside its phase (the message says which phase is open and until when) */
  | 'phase_closed'
  /** 409: someone else changed the object since it was read (optimistic version check); details carry the current state */
  | 'version_conflict'
  | 'table_format'
  /** 413: a file above an import's limits (bytes, inflated bytes, rows, reading time) */
  | 'too_large'
  | 'rate_limited'
  | 'unknown_token'
  | 'expired'
  | 'already_answered'
  /** 403: the account's password was generated or set by an admin; only change-password, logout and me answer until it is changed */
  | 'password_change_required'
  /** 409: the campaign is not in fieldwork (Đang khảo sát): no leadership e-mail is queued; the message says what to do */
  | 'campaign_not_running'
  /** 503: the database does not answer (restart, failover); retryable, with Retry-After */
  | 'database_unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly messages: { vi: string; en: string },
    readonly details?: unknown,
  ) {
    super(messages.en);
  }
}

export const notFound = (what: { vi: string; en: string }) =>
  new AppError(404, 'not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${what.en} not found.` });

export const conflict = (messages: { vi: string; en: string }) => new AppError(409, 'conflict', messages);
