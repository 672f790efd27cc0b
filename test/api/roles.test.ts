import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { ALL_ROLES, startTestApp, type TestApp } from '../support/app';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { hashToken, newToken } from '../../server/features/auth/passwords';

type Operation = { 'x-roles'?: unknown };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

/**
 * Walks every operation of the generated OpenAPI document and calls it as an anonymous visitor and as each
 * role. Declared roles must get past authorisation (no 401/403, no 5xx); everyone else gets 401 (anonymous)
 * or 403. Routes added later are covered without touching this test.
 */
describeEachDb('every route checks roles as declared', (kind) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    const unit = await createUnit(t.database.db, { code: 'P1', name: 'Tỉnh thử', parentId: null, kind: 'province', group: 'tinh' });
    const campaign = await createCampaign(t.database.db, {
      name: 'Thử', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
    });
    Object.assign(ids, { unitId: unit.id, campaignId: campaign.id, id: campaign.id, code: '1.1' });
  });
  afterAll(() => t?.close());

  it('declares roles on every /api operation and answers as declared', async () => {
    const doc = t.app.swagger() as unknown as OpenApi;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), roles: op['x-roles'] })),
    ).filter((o) => o.path.startsWith('/api/'));
    expect(operations.length).toBeGreaterThanOrEqual(15);
    const checked: string[] = [];
    for (const op of operations) {
      expect(op.roles, `${op.method} ${op.path} declares roles`).not.toBe('undeclared');
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
      const callAs = async (cookie?: string) =>
        t.app.inject({
          method: op.method as 'GET',
          url,
          headers: cookie ? { cookie } : {},
          ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
        });
      const anon = await callAs();
      if (op.roles === 'public') {
        expect([401, 403], `${op.method} ${op.path} is public`).not.toContain(anon.statusCode);
      } else {
        expect(anon.statusCode, `${op.method} ${op.path} anonymous`).toBe(401);
      }
      for (const role of ALL_ROLES) {
        const res = await callAs(await t.cookieFor(role));
        const allowed = op.roles === 'public' || (Array.isArray(op.roles) && op.roles.includes(role));
        if (allowed) {
          expect([401, 403], `${op.method} ${op.path} as ${role} (allowed) got ${res.statusCode}: ${res.body}`).not.toContain(res.statusCode);
          expect(res.statusCode, `${op.method} ${op.path} as ${role}: ${res.body}`).toBeLessThan(500);
        } else {
          expect(res.statusCode, `${op.method} ${op.path} as ${role} (not allowed)`).toBe(403);
        }
      }
      checked.push(`${op.method} ${op.path}`);
    }
    // the core routes are in the document (a route that vanished from it would escape the walk)
    for (const must of ['POST /api/auth/login', 'GET /api/campaigns/', 'POST /api/campaigns/{campaignId}/units/{unitId}/imports/commit', 'PUT /api/campaigns/{campaignId}/units/{unitId}/scores/{code}']) {
      expect(checked).toContain(must);
    }
    // every operation × anonymous + six roles: several hundred requests (slow on a busy machine, not a measure)
  }, 240_000);

  it('keeps unit officers to their unit and appraisers to their fields: 404 outside scope, not 403', async () => {
    const db = t.database.db;
    const [a, b] = [await createUnit(db, { code: 'UA', name: 'Đơn vị A', parentId: null, kind: 'province', group: null }),
      await createUnit(db, { code: 'UB', name: 'Đơn vị B', parentId: null, kind: 'province', group: null })];
    const campaign = await createCampaign(db, {
      name: 'Tự đánh giá', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [a.id, b.id], previousCampaignId: null,
    });
    const P = `/api/campaigns/${campaign.id}/assessment`;
    const officer = await createUser(db, { username: 'officer-ua', displayName: 'Cán bộ A', role: 'unit_officer', password: 'x'.repeat(12), unitId: a.id });
    const appraiser = await createUser(db, { username: 'appraiser-f1', displayName: 'Thẩm định lĩnh vực 1', role: 'appraiser', password: 'x'.repeat(12) });
    await db.insertInto('appraiser_assignment').values({ campaign_id: campaign.id, user_id: appraiser.id, criteria_set_code: 'par-province-2023', criterion_code: '1' }).execute();
    const session = async (userId: string) => {
      const token = newToken();
      await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + 3600_000) }).execute();
      return `sid=${token}`;
    };
    const as = async (userId: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      (await t.app.inject({ method, url: `${P}${url}`, headers: { cookie: await session(userId) }, ...(payload ? { payload } : {}) })).statusCode;
    // the officer of A: own sheet yes; B's sheet, its leaves, its check and submit do not exist
    expect(await as(officer.id, 'GET', `/sheets/${a.id}`)).toBe(200);
    expect(await as(officer.id, 'GET', `/sheets/${b.id}`)).toBe(404);
    expect(await as(officer.id, 'PUT', `/sheets/${b.id}/leaves/1.1/self`, { version: 1, score: 1 })).toBe(404);
    expect(await as(officer.id, 'GET', `/sheets/${b.id}/check`)).toBe(404);
    expect(await as(officer.id, 'POST', `/sheets/${b.id}/submit`, { acknowledge: true })).toBe(404);
    expect(await as(officer.id, 'GET', `/sheets/${b.id}/leaves/1.1/history`)).toBe(404);
    // the appraiser of field 1: its leaves in every unit; a leaf of field 2 does not exist for them
    expect(await as(appraiser.id, 'GET', `/sheets/${b.id}/leaves/1.1/history`)).toBe(200);
    expect(await as(appraiser.id, 'GET', `/sheets/${b.id}/leaves/2.1.1/history`)).toBe(404);
    expect(await as(appraiser.id, 'PUT', `/sheets/${b.id}/leaves/2.1.1/appraisal`, { version: 1, action: 'agree' })).toBe(404);
    expect(await as(appraiser.id, 'PUT', `/sheets/${b.id}/leaves/2.1.1/final`, { version: 1, score: 0 })).toBe(404);
    // a guessed unit id is not found either; nor are the phases of a campaign that does not assess one's unit
    expect(await as(officer.id, 'GET', '/sheets/00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await as(officer.id, 'GET', '/phases')).toBe(200);
    const otherCampaign = await t.app.inject({ method: 'GET', url: `/api/campaigns/${ids.campaignId}/assessment/phases`, headers: { cookie: await session(officer.id) } });
    expect(otherCampaign.statusCode).toBe(404);
  });
});
