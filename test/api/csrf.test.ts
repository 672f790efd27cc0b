import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';

type OpenApi = { paths: Record<string, Record<string, unknown>> };
const CSRF_CODES = ['csrf_origin', 'unsupported_media_type'];
const codeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined; // 204, or a file
  }
};

/**
 * Every state-changing operation of the generated OpenAPI document refuses what a page on another site can make a
 * browser send — a foreign or `null` Origin, a foreign Referer, a text/plain or form-encoded body — and lets the
 * app's own pages through. Routes added later are covered without touching this test.
 */
describeEachDb('every state-changing route refuses cross-site requests (CSRF)', (kind) => {
  let t: TestApp;
  let appOrigin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_URL: 'https://parindex.example.gov.vn', ALLOWED_ORIGINS: 'https://par.example.vn' });
    appOrigin = 'https://parindex.example.gov.vn';
    const unit = await createUnit(t.database.db, { code: 'P1', name: 'Tỉnh thử', parentId: null, kind: 'province', group: 'tinh' });
    const campaign = await createCampaign(t.database.db, {
      name: 'Thử', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
    });
    Object.assign(ids, { unitId: unit.id, campaignId: campaign.id, id: campaign.id, code: '1.1' });
  });
  afterAll(() => t?.close());

  const stateChanging = () => {
    const doc = t.app.swagger() as unknown as OpenApi;
    return Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() as 'POST' })))
      .filter((o) => o.path.startsWith('/api/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(o.method));
  };
  const urlOf = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');

  it('refuses a foreign Origin, Origin null, a foreign Referer and non-JSON bodies on every operation, and lets the app\u2019s own origin through', async () => {
    const operations = stateChanging();
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const checked: string[] = [];
    for (const { path, method } of operations) {
      const call = async (headers: Record<string, string>, body: Pick<InjectOptions, 'payload'> = { payload: {} }) =>
        t.app.inject({ method, url: urlOf(path), headers: { cookie: await t.cookieFor('admin'), ...headers }, ...body });
      const what = `${method} ${path}`;

      const foreign: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'http://parindex.example.gov.vn' }, // same host, other scheme: another origin
        { origin: 'https://parindex.example.gov.vn.evil.example' },
        { origin: 'null' },
        { referer: 'https://evil.example/page' },
        { referer: 'https://evil.example/?u=https://parindex.example.gov.vn/' },
      ];
      for (const headers of foreign) {
        for (const body of [{ payload: {} }, {}]) {
          const res = await call(headers, body);
          expect(res.statusCode, `${what} ${JSON.stringify(headers)}: ${res.body}`).toBe(403);
          expect(res.json().error.code, what).toBe('csrf_origin');
        }
      }
      const refused = await call({ origin: 'https://evil.example' });
      expect(refused.json().error.message_vi, what).toBe('Yêu cầu bị từ chối: nó được gửi từ trang https://evil.example, không phải từ ứng dụng (https://parindex.example.gov.vn).');

      // what an HTML form can post without a preflight, even from the app's own origin
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await call({ origin: appOrigin, 'content-type': type }, { payload: type.startsWith('multipart') ? '--x--\r\n' : 'a=1' });
        expect(res.statusCode, `${what} ${type}: ${res.body}`).toBe(415);
        expect(res.json().error.code, what).toBe('unsupported_media_type');
      }
      const typeOnly = await call({ origin: appOrigin, 'content-type': 'text/plain' }, {}); // no body at all
      expect(typeOnly.statusCode, `${what} text/plain without a body`).toBe(415);

      // the app's own pages (either allowed origin; Referer alone; JSON with a charset) are not refused by this layer
      const own: Record<string, string>[] = [
        { origin: appOrigin },
        { origin: 'https://par.example.vn' },
        { referer: `${appOrigin}/campaigns` },
        { origin: appOrigin, 'content-type': 'application/json; charset=utf-8' },
      ];
      for (const headers of own) {
        const res = await call(headers, 'content-type' in headers ? { payload: '{}' } : { payload: {} });
        expect(CSRF_CODES, `${what} ${JSON.stringify(headers)}: ${res.body}`).not.toContain(codeOf(res.body));
      }
      checked.push(what);
    }
    for (const must of [
      'POST /api/auth/logout',
      'POST /api/auth/login',
      'POST /api/respond/{token}',
      'POST /api/campaigns/{campaignId}/units/{unitId}/imports/commit',
      'PUT /api/campaigns/{campaignId}/units/{unitId}/scores/{code}',
    ]) {
      expect(checked).toContain(must);
    }
    expect(checked.some((c) => c.startsWith('DELETE '))).toBe(true);
  });

  it('a cross-site logout leaves the session alive; the app\u2019s own logout ends it', async () => {
    const cookie = await t.cookieFor('analyst');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' }, payload: '' });
    expect(forged.statusCode).toBe(403);
    expect((await me()).statusCode).toBe(200);
    const own = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: appOrigin } });
    expect(own.statusCode).toBe(204);
    expect((await me()).statusCode).toBe(401);
  });

  it('lets through a request with neither Origin nor Referer (not a browser page: CLI, scripts, the simulator)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: await t.cookieFor('analyst') } });
    expect(res.statusCode).toBe(204);
  });
});
