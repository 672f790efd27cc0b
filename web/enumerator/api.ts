// The server calls the enumerator app makes (contract: server/features/fieldwork/API.md). Their types come from the
// server's route schemas (web/shared/api/generated, `npm run gen:api`), named in web/shared/api/types.ts.
// Session cookie, JSON. Network failures are `NetworkError`, HTTP errors `ApiError` (with the bilingual message).
import type { ApiBody, ApiResponse } from '../shared/api/openapi';
import type { Bilingual, FormEnvelope as SentEnvelope, FormParadata, SubmissionReceipt } from '../shared/api/types';

export type { Bilingual, FormMode, QuotaLevel } from '../shared/api/types';

export type MeResponse = ApiResponse<'/api/fieldwork/me'>;
/** who is signed in: what both the sign-in and the profile (GET /api/fieldwork/me) tell; the role only the sign-in */
export type SessionUser = MeResponse['user'] & Partial<Pick<ApiResponse<'/api/auth/login', 'post'>['user'], 'role'>>;
export type MeAssignment = MeResponse['assignments'][number];
export type MeUnit = MeAssignment['units'][number];
export type ReturnedForm = MeResponse['returned'][number];
export type Receipt = SubmissionReceipt;
export type Flag = NonNullable<Receipt['flags']>[number];

/** A GPS fix as the phone records it (accuracy always known). */
export type Gps = Required<NonNullable<FormParadata['gps']>>;
/** The paradata the phone always writes (the server accepts each of them as optional). */
export type Paradata = { [K in 'startedAt' | 'finishedAt' | 'appVersion' | 'deviceId' | 'gpsConsent']-?: NonNullable<FormParadata[K]> } & { gps: Gps | null };
/** The envelope of the submissions contract, with the paradata the phone always writes. */
export type FormEnvelope = Omit<SentEnvelope, 'paradata' | 'paperSerial'> & { paperSerial: string | null; paradata: Paradata };

/** The server answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

/** No answer from the server (offline, timeout, connection dropped). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err));
  }
  if (response.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    if (response.ok) throw new ApiError(response.status, 'bad_response', { vi: 'Máy chủ trả lời không đúng định dạng.', en: 'The server sent an unreadable answer.' });
  }
  if (!response.ok) {
    const e = (json as { error?: { code?: string; message?: string; message_vi?: string } } | null)?.error;
    const en = e?.message ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, e?.code ?? `http_${response.status}`, { vi: e?.message_vi ?? en, en });
  }
  return json as T;
}

export const api = {
  login: (username: string, password: string) =>
    call<ApiResponse<'/api/auth/login', 'post'>>('POST', '/api/auth/login', { username, password } satisfies ApiBody<'/api/auth/login', 'post'>),
  logout: () => call<ApiResponse<'/api/auth/logout', 'post'>>('POST', '/api/auth/logout'),
  /** a generated password (enumerator list) must be replaced before anything else answers */
  changePassword: (currentPassword: string, newPassword: string) =>
    call<ApiResponse<'/api/auth/change-password', 'post'>>('POST', '/api/auth/change-password', { currentPassword, newPassword } satisfies ApiBody<'/api/auth/change-password', 'post'>),
  me: () => call<MeResponse>('GET', '/api/fieldwork/me'),
  submit: (forms: FormEnvelope[]) => call<ApiResponse<'/api/fieldwork/submissions', 'post'>>('POST', '/api/fieldwork/submissions', { forms } satisfies { forms: SentEnvelope[] }, 60_000),
};
