// Shared set-up of the appraisal tests (test/api/assessment-appraisal.test.ts, assessment-campaign.test.ts): an
// internal criteria set with two fields, three departments in a campaign, an officer per unit (with an e-mail), an
// appraiser per field (assigned through the API), sessions for each, and helpers that go through the HTTP API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CriteriaSet } from '../../analytics/src/types';
import type { AssessmentPhase } from '../../server/db/schema';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { createCampaign } from '../../server/features/campaigns/service';
import { insertCriteriaSetIfAbsent } from '../../server/features/criteria/repository';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import type { DbKind } from '../support/databases';

/** Field I (I.1 needs evidence, I.2), field II (II.1, II.2); every leaf scored by hand. */
export const SET: CriteriaSet = {
  code: 'test-appraisal-dept', year: 2025, name: 'Bộ tiêu chí thử (thẩm định)',
  criteria: [
    { code: 'I', parent: null, level: 0, name: 'Công tác chỉ đạo, điều hành', maxPoints: 3, source: null },
    { code: 'I.1', parent: 'I', level: 1, name: 'Ban hành kế hoạch CCHC', maxPoints: 1, source: 'content', rule: null },
    { code: 'I.2', parent: 'I', level: 1, name: 'Báo cáo CCHC định kỳ', maxPoints: 2, source: 'content', rule: null },
    { code: 'II', parent: null, level: 0, name: 'Cải cách thủ tục hành chính', maxPoints: 4, source: null },
    { code: 'II.1', parent: 'II', level: 1, name: 'Công khai thủ tục', maxPoints: 2, source: 'content', rule: null },
    { code: 'II.2', parent: 'II', level: 1, name: 'Giải quyết hồ sơ đúng hạn', maxPoints: 2, source: 'content', rule: null },
  ],
};
export const LEAVES = ['I.1', 'I.2', 'II.1', 'II.2'] as const;
const HOUR = 3600_000;
const PHASES: AssessmentPhase[] = ['self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published'];

export type Who = 'admin' | 'analyst' | 'supervisor' | 'A' | 'B' | 'C' | 'ap1' | 'ap2';

export interface AppraisalScenario {
  t: TestApp;
  campaignId: string;
  P: string;
  units: Record<'A' | 'B' | 'C', string>;
  userIds: Record<Who, string>;
  call(who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown): Promise<Awaited<ReturnType<TestApp['app']['inject']>>>;
  /** the campaign's phase windows through the API: `open` from an hour ago for a day, the others closed in the past */
  openPhases(...open: AssessmentPhase[]): Promise<void>;
  /** the leaf's version as the sheet shows it */
  version(unitId: string, code: string): Promise<number>;
  upload(who: Who, unitId: string, files: { name: string; data: Buffer }[], fields?: Record<string, string>): Promise<{ statusCode: number; body: string; json(): any }>;
  close(): Promise<void>;
}

export async function appraisalScenario(kind: DbKind, env: Record<string, string> = {}): Promise<AppraisalScenario> {
  const t = await startTestApp(kind, { EVIDENCE_DIR: mkdtempSync(join(tmpdir(), 'parindex-appraisal-')), ...env });
  const db = t.database.db;
  await insertCriteriaSetIfAbsent(db, SET);
  await db.updateTable('criterion').set({ evidence_required: true }).where('criteria_set_code', '=', SET.code).where('code', '=', 'I.1').execute();
  const province = await createUnit(db, { code: 'TT', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
  const units = {
    A: (await createUnit(db, { code: 'SNV', name: 'Sở Nội vụ', parentId: province.id, kind: 'department', group: 'so' })).id,
    B: (await createUnit(db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id, kind: 'department', group: 'so' })).id,
    C: (await createUnit(db, { code: 'SYT', name: 'Sở Y tế', parentId: province.id, kind: 'department', group: 'so' })).id,
  };
  const campaignId = (await createCampaign(db, {
    name: 'Chỉ số CCHC sở 2025', year: 2025, criteriaSetCode: SET.code, bandSetCode: 'national', unitIds: [units.A, units.B, units.C], previousCampaignId: null,
  })).id;
  const P = `/api/campaigns/${campaignId}/assessment`;
  const user = async (username: string, role: 'unit_officer' | 'appraiser', unitId?: string) =>
    (await createUser(db, { username, displayName: username, role, password: TEST_PASSWORD, email: `${username}@so.example.vn`, ...(unitId ? { unitId } : {}) })).id;
  const userIds: Record<Who, string> = {
    admin: t.users.admin.id, analyst: t.users.analyst.id, supervisor: t.users.supervisor.id,
    A: await user('can-bo-snv', 'unit_officer', units.A), B: await user('can-bo-stp', 'unit_officer', units.B), C: await user('can-bo-syt', 'unit_officer', units.C),
    ap1: await user('tham-dinh-1', 'appraiser'), ap2: await user('tham-dinh-2', 'appraiser'),
  };
  const cookies = {} as Record<Who, string>;
  for (const who of Object.keys(userIds) as Who[]) {
    const token = newToken();
    await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: userIds[who], expires_at: new Date(Date.now() + 4 * HOUR) }).execute();
    cookies[who] = `sid=${token}`;
  }
  const call: AppraisalScenario['call'] = (who, method, url, payload) =>
    t.app.inject({ method, url: url.startsWith('/api/') ? url : `${P}${url}`, headers: { cookie: cookies[who] }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const assigned = await call('analyst', 'PUT', '/appraisers', { assignments: [
    { userId: userIds.ap1, criteriaSetCode: SET.code, criterionCode: 'I' },
    { userId: userIds.ap2, criteriaSetCode: SET.code, criterionCode: 'II' },
  ] });
  expect(assigned.statusCode, assigned.body).toBe(200);

  const openPhases = async (...open: AssessmentPhase[]) => {
    const now = Date.now();
    const first = Math.min(...open.map((p) => PHASES.indexOf(p)));
    const window = (from: number, to: number) => ({ opensAt: new Date(now + from * HOUR).toISOString(), closesAt: new Date(now + to * HOUR).toISOString() });
    // in workflow order: the phases before the open ones closed in the past, the open ones since an hour ago for a day, the later ones in the future
    const phases = PHASES.map((phase, i) => ({
      phase, ...(open.includes(phase) ? window(-1, 24) : i < first ? window(-100 + 2 * i, -99 + 2 * i) : window(30 + 2 * i, 31 + 2 * i)),
    }));
    const res = await call('admin', 'PUT', '/phases', { phases });
    expect(res.statusCode, res.body).toBe(200);
  };
  const version = async (unitId: string, code: string) => {
    const res = await call('admin', 'GET', `/sheets/${unitId}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().nodes as { code: string; leaf?: { version: number } }[]).find((n) => n.code === code)!.leaf!.version;
  };
  // uploads go over real HTTP (multipart is streamed from the socket), as the browser sends them
  await t.app.listen({ port: t.config.port, host: '127.0.0.1' });
  const upload: AppraisalScenario['upload'] = async (who, unitId, files, fields = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', new Blob([f.data]), f.name);
    const res = await fetch(`http://127.0.0.1:${t.config.port}/api/campaigns/${campaignId}/units/${unitId}/evidence`, {
      method: 'POST', headers: { cookie: cookies[who], 'x-requested-with': 'test' }, body: form,
    });
    const body = await res.text();
    return { statusCode: res.status, body, json: () => JSON.parse(body) };
  };
  return { t, campaignId, P, units, userIds, call, openPhases, version, upload, close: () => t.close() };
}

/** A small well-formed PDF (one empty page); `salt` makes distinct files. */
export function pdf(salt: string): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let out = `%PDF-1.4\n% ${salt}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
