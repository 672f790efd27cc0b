import type { ApiClient } from '../features/fieldwork/simulate';

/** A logged-in client of a running ParIndex server (fetch + the session cookie). */
export async function loginClient(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(new URL(url, baseUrl), {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${url}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { get: (url) => call('GET', url), post: (url, body) => call('POST', url, body) };
}
