// The server calls the enumerator app makes (contract: server/features/fieldwork/API.md) and their types.
// Session cookie, JSON. Network failures are `NetworkError`, HTTP errors `ApiError` (with the bilingual message).
import type { FormEnvelope as ContractFormEnvelope } from '../shared/api/contract';

export type { FormMode } from '../shared/api/contract';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role?: string;
}

export type QuotaLevel = 'province' | 'district' | 'commune' | 'all';

export interface MeUnit {
  unitId: string;
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  quotas: { level: QuotaLevel; target: number; collected: number; accepted: number }[];
  /** the unit's total (its `all` quota, else its level quotas summed; the dashboard's figure), null without quotas */
  total?: { target: number; collected: number; accepted: number } | null;
  collectedByMe: number;
}

export interface MeAssignment {
  campaignId: string;
  campaignName: string;
  year: number;
  campaignStatus: string;
  questionnaireId: string;
  questionnaireVersion: number;
  startsOn: string | null;
  endsOn: string | null;
  units: MeUnit[];
}

export interface ReturnedForm {
  formId: string;
  clientUuid: string;
  campaignId: string;
  unitId: string;
  paperSerial: string | null;
  reason: string | null;
  at: string | null;
}

export interface MeResponse {
  user: SessionUser;
  serverTime: string;
  assignments: MeAssignment[];
  returned: ReturnedForm[];
}

export interface Gps {
  lat: number;
  lon: number;
  accuracy: number;
}

export interface Paradata {
  startedAt: string;
  finishedAt: string;
  appVersion: string;
  deviceId: string;
  gps: Gps | null;
  gpsConsent: boolean;
}

/** The envelope of the submissions contract, with the paradata the phone always writes. */
export type FormEnvelope = ContractFormEnvelope<Paradata>;

export interface Flag {
  code: string;
  message: Bilingual;
}

export interface Receipt {
  index: number;
  clientUuid: string | null;
  status: 'stored' | 'refused';
  duplicate: boolean;
  formId?: string;
  receivedAt?: string;
  reviewStatus?: 'pending' | 'flagged' | 'accepted' | 'rejected' | 'returned';
  flags?: Flag[];
  error?: { code: string; message: Bilingual };
}

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
  login: (username: string, password: string) => call<{ user: SessionUser }>('POST', '/api/auth/login', { username, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  me: () => call<MeResponse>('GET', '/api/fieldwork/me'),
  submit: (forms: FormEnvelope[]) => call<{ receipts: Receipt[] }>('POST', '/api/fieldwork/submissions', { forms }, 60_000),
};
