import { AppError } from '../errors';

/**
 * SQLSTATEs of a database that is going away or not there yet: admin_shutdown (restart, `pg_ctl stop -m fast`),
 * crash_shutdown (another backend crashed), cannot_connect_now (starting up, in recovery), and the connection
 * exceptions (08xxx).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// what `pg` and `pg-pool` throw without a code when a connection dies or cannot be had in time
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** Seconds a client should wait before it retries (the Retry-After header of a 503 database_unavailable). */
export const RETRY_AFTER_SECONDS = 5;

/** Is this error the database being unreachable (rather than a fault of the request or of the code)? */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (UNAVAILABLE_MESSAGES.some((m) => err.message.includes(m))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause);
}

export const databaseUnavailable = () =>
  new AppError(503, 'database_unavailable', {
    vi: `Cơ sở dữ liệu tạm thời không phản hồi (đang khởi động lại hoặc chuyển máy chủ); yêu cầu này có thể chưa được thực hiện. Hãy gửi lại sau ${RETRY_AFTER_SECONDS} giây.`,
    en: `The database is not answering for the moment (restarting or failing over); this request may not have been carried out. Send it again in ${RETRY_AFTER_SECONDS} seconds.`,
  });
