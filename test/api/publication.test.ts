import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { provinceCampaigns } from '../support/province-scenario';
import { loadConfig, ConfigError } from '../../server/config';
import { upsertScore } from '../../server/features/content-scores/repository';

type RankedUnit = { unitId: string; unit: string; group: string; score: number; max: number; index: number; rank: number; band: string | null; change: { score: number; percent: number; rank: number | null } | null };
type PublicUnit = { unitId: string; name: string; rank: number; score: number; max: number; index: number; band: { code: string } | null; change: RankedUnit['change']; fields: unknown[]; parts: Record<string, unknown> };
type PublicGroup = { group: string; average: number; count: number; units: PublicUnit[] };
type OpenApi = { paths: Record<string, Record<string, unknown>> };

const PORTAL = 'https://cong.example.gov.vn';
/** The documented public API: login/logout, health, the respondents' answering page (/r/ → /api/respond), published results. */
const PUBLIC_OPERATIONS = [/^POST \/api\/auth\/(login|logout)$/, /^GET \/api\/health/, /^(GET|POST) \/api\/respond\//, /^GET \/api\/public\//];

// Issue 13, publication: an analyst publishes the council-approved results as a snapshot; the public API (no login)
// answers only for published campaigns, with the ranking page's figures and nothing else.
describeEachDb('publication of results and the public API', (kind) => {
  let t: TestApp;
  let campaignId: string;
  let previousId: string;
  let unitIds: string[];
  const pub = (path = '') => `/api/public/campaigns/${campaignId}${path}`;
  const anon = (url: string) => t.app.inject({ method: 'GET', url });
  const as = async (role: 'analyst' | 'supervisor' | 'admin', method: 'GET' | 'POST' | 'DELETE', url: string) =>
    t.app.inject({ method, url, headers: { cookie: await t.cookieFor(role) } });
  const ranking = async (id = campaignId) => (await as('supervisor', 'GET', `/api/campaigns/${id}/ranking`)).json() as { units: RankedUnit[]; groups: { group: string; average: number; count: number }[] };

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_FRAME_ANCESTORS: `'self', ${PORTAL}` });
    ({ campaignId, previousId, unitIds } = await provinceCampaigns(t.database.db));
  });
  afterAll(() => t?.close());

  it('an unpublished campaign is 404 on the public API (figures and downloads), like an unknown one; the list is empty', async () => {
    for (const path of ['', '/ranking.csv', '/ranking.xlsx']) {
      const res = await anon(pub(path));
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toMatch(/Sở A|Huyện/);
    }
    expect((await anon('/api/public/campaigns/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await anon('/api/public/campaigns')).json()).toEqual({ campaigns: [] });
  });

  it('only an analyst or admin publishes; a supervisor gets 403; publishing is audited with who and when', async () => {
    expect((await as('supervisor', 'POST', `/api/campaigns/${campaignId}/publication`)).statusCode).toBe(403);
    const res = await as('analyst', 'POST', `/api/campaigns/${campaignId}/publication`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 1 });
    const status = (await as('supervisor', 'GET', `/api/campaigns/${campaignId}/publication`)).json();
    expect(status).toMatchObject({ current: { version: 1 }, versions: [{ version: 1, publishedBy: 'Test analyst', withdrawnAt: null }], blocker: null });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'campaign_publication').where('entity_key', '=', campaignId).execute();
    expect(audit.map((a) => [a.action, a.user_id])).toEqual([['publish', t.users.analyst.id]]);
  });

  it('the published figures equal the ranking API\'s: rank, score, index, band, change per unit; group averages', async () => {
    const res = await anon(pub());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.publication).toMatchObject({ version: 1 });
    const r = await ranking();
    const groups: PublicGroup[] = body.report.groups;
    expect(groups.map((g) => [g.group, g.count, g.average])).toEqual(r.groups.map((g) => [g.group, g.count, g.average]));
    const units = new Map(groups.flatMap((g) => g.units).map((u) => [u.unitId, u]));
    expect(units.size).toBe(r.units.length);
    expect(r.units.length).toBe(6);
    for (const u of r.units) {
      const p = units.get(u.unitId)!;
      expect({ name: p.name, rank: p.rank, score: p.score, max: p.max, index: p.index, band: p.band?.code ?? null, change: p.change })
        .toEqual({ name: u.unit, rank: u.rank, score: u.score, max: u.max, index: u.index, band: u.band, change: u.change });
      expect(p.fields.length).toBeGreaterThan(0);
      expect(Object.keys(p.parts)).toEqual(expect.arrayContaining(['content', 'sipas', 'leadership_survey']));
    }
    // change from the previous year is there (the 2023 campaign follows 2022)
    expect([...units.values()].every((u) => u.change !== null)).toBe(true);
    expect(body.report.campaign).toMatchObject({ year: 2023, previous: { year: 2022 } });
    expect((await anon('/api/public/campaigns')).json().campaigns).toEqual([expect.objectContaining({ id: campaignId, year: 2023, version: 1 })]);
  });

  it('nothing personal or unpublished is in the public answer: no user names, no not-approved list, the other campaign stays 404', async () => {
    const body = (await anon(pub())).body;
    for (const secret of ['Test analyst', 'test-analyst', t.users.analyst.id, 'notApproved', 'publishedBy']) expect(body).not.toContain(secret);
    expect((await anon(`/api/public/campaigns/${previousId}`)).statusCode).toBe(404);
  });

  it('downloads: CSV with BOM and the ranking rows, XLSX with a sheet per group', async () => {
    const csv = await anon(pub('/ranking.csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]).toMatch(/^Xếp hạng,Mã đơn vị,Đơn vị,Nhóm/);
    const xlsx = await anon(pub('/ranking.xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/PAR-INDEX_2023_bang-xep-hang_cong-bo-v1\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(2);
  });

  it('a snapshot: a later score edit does not change the public page until a re-publish, which makes version 2', async () => {
    const before = (await anon(pub())).json();
    const unitId = unitIds[3]!;
    await upsertScore(t.database.db, { campaign_id: campaignId, unit_id: unitId, criterion_code: '1.1', self_score: null, appraised: 0, numerator: null, denominator: null, not_applicable: false, is_override: false, note: null, updated_by: null });
    const live = (await ranking()).units.find((u) => u.unitId === unitId)!;
    const shown = () => anon(pub()).then((r) => (r.json().report.groups as PublicGroup[]).flatMap((g) => g.units).find((u) => u.unitId === unitId)!);
    expect((await shown()).score).not.toBe(live.score);
    expect((await anon(pub())).json()).toEqual(before);
    expect((await as('admin', 'POST', `/api/campaigns/${campaignId}/publication`)).json()).toMatchObject({ version: 2 });
    expect((await shown()).score).toBe(live.score);
    expect((await anon(pub())).json().publication.version).toBe(2);
  });

  it('withdrawing takes the campaign off the public API (404 everywhere); the history keeps who and when', async () => {
    expect((await as('analyst', 'DELETE', `/api/campaigns/${campaignId}/publication`)).statusCode).toBe(204);
    for (const path of ['', '/ranking.csv', '/ranking.xlsx']) expect((await anon(pub(path))).statusCode).toBe(404);
    expect((await anon('/api/public/campaigns')).json()).toEqual({ campaigns: [] });
    const status = (await as('analyst', 'GET', `/api/campaigns/${campaignId}/publication`)).json();
    expect(status.current).toBeNull();
    expect(status.versions.map((v: { version: number; withdrawnBy: string | null }) => [v.version, v.withdrawnBy])).toEqual([[2, 'Test analyst'], [1, null]]);
    expect((await as('analyst', 'DELETE', `/api/campaigns/${campaignId}/publication`)).statusCode).toBe(409);
  });

  it('a self-assessment campaign is published only when the council has approved every unit (the refusal names them)', async () => {
    const db = t.database.db;
    await db.insertInto('assessment_phase').values({ campaign_id: previousId, phase: 'approval', opens_at: new Date(Date.now() - 86_400_000), closes_at: null }).execute();
    const refused = await as('analyst', 'POST', `/api/campaigns/${previousId}/publication`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message_vi).toMatch(/6 đơn vị chưa được Hội đồng phê duyệt.*Sở A/);
    expect(refused.json().error.message).toMatch(/not approved the results of 6 unit/);
    expect((await as('analyst', 'GET', `/api/campaigns/${previousId}/publication`)).json().blocker).not.toBeNull();
    await db.insertInto('assessment_sheet').values(unitIds.map((u) => ({ campaign_id: previousId, unit_id: u, status: 'approved' as const, approved_at: new Date() }))).execute();
    expect((await as('analyst', 'POST', `/api/campaigns/${previousId}/publication`)).statusCode).toBe(201);
    expect((await anon(`/api/public/campaigns/${previousId}`)).json().report.totals.units).toBe(6);
  });

  it('anonymous access to every other /api route gets 401 (walking the OpenAPI document)', async () => {
    const doc = t.app.swagger() as unknown as OpenApi;
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).filter((o) => o.includes(' /api/'));
    expect(ops.length).toBeGreaterThan(100);
    const publicOps = ops.filter((o) => PUBLIC_OPERATIONS.some((re) => re.test(o)));
    expect(publicOps).toEqual(expect.arrayContaining(['GET /api/public/campaigns', 'GET /api/public/campaigns/{campaignId}', 'POST /api/auth/login']));
    for (const op of ops.filter((o) => !publicOps.includes(o))) {
      const [method, path] = op.split(' ') as [string, string];
      const url = path.replace(/\{\w+\}/g, campaignId);
      const res = await t.app.inject({ method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${op} anonymous`).toBe(401);
    }
  }, 120_000);

  it('frame-ancestors: the public pages carry the configured portal and no X-Frame-Options; every other page and the API may be framed by the app itself only', async () => {
    for (const url of ['/cong-khai', `/cong-khai/${campaignId}`, `/cong-khai/${campaignId}?lang=en`]) {
      const res = await anon(url);
      expect(res.headers['content-security-policy'], url).toMatch(new RegExp(`frame-ancestors 'self' ${PORTAL}(;|$)`));
      expect(res.headers['x-frame-options'], url).toBeUndefined();
    }
    for (const url of ['/', '/login', '/campaigns', '/cong-khaix', pub(), '/api/public/campaigns', '/api/health']) {
      const res = await anon(url);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'self'(;|$)/);
      expect(res.headers['content-security-policy'], url).not.toContain(PORTAL);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });
});

describeEachDb('the public API is rate-limited per IP', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t?.close());

  it('answers 429 after PUBLIC_RATE_LIMIT_PER_MINUTE requests in a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ method: 'GET', url: '/api/public/campaigns' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});

it('PUBLIC_FRAME_ANCESTORS is validated: origins or self/none, nothing with a path or a script source', () => {
  expect(loadConfig({ PUBLIC_FRAME_ANCESTORS: 'https://a.gov.vn, https://*.b.gov.vn:8443' }).publicFrameAncestors).toEqual(['https://a.gov.vn', 'https://*.b.gov.vn:8443']);
  expect(loadConfig({ PUBLIC_FRAME_ANCESTORS: 'self' }).publicFrameAncestors).toEqual(["'self'"]);
  expect(loadConfig({}).publicFrameAncestors).toEqual(["'self'"]);
  expect(loadConfig({ PUBLIC_FRAME_ANCESTORS: "'none'" }).publicFrameAncestors).toEqual(["'none'"]);
  for (const bad of ['https://a.gov.vn/path', "https://a.gov.vn; script-src *", '*', 'none, https://a.gov.vn']) {
    expect(() => loadConfig({ PUBLIC_FRAME_ANCESTORS: bad }), bad).toThrow(ConfigError);
  }
});
