import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { createCampaign } from '../features/campaigns/service';
import { createUser } from '../features/users/service';
import { generatePassword } from '../features/auth/passwords';
import { saveAssignments, savePlan, saveQuotas } from '../features/fieldwork/setup.service';
import { simulateSipas, type ApiClient } from '../features/fieldwork/simulate';
import { mulberry32 } from '../../analytics/src/index';

/** The HTTP API in-process (every request goes through routing, auth, validation and serialisation). */
function injectClient(app: FastifyInstance, cookie: string): ApiClient {
  const call = async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
    const res = await app.inject({ method, url, headers: { cookie }, ...(body === undefined ? {} : { payload: body as object }) });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: HTTP ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  return { get: (url) => call('GET', url), post: (url, body) => call('POST', url, body) };
}

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

/**
 * Demo SIPAS fieldwork on the demo province: a 2025 campaign over its departments and districts (placed around
 * Hà Giang for the GPS check), quotas, five enumerators (one of them the demo account `dieutravien`), the demo
 * supervisor over three of them, and 400 synthetic forms posted through the API by `simulate`; a supervisor's
 * first decisions are made so the review screens have every status.
 */
export async function loadDemoFieldwork(app: FastifyInstance, db: Kysely<DB>, adminPassword: string) {
  const units = await db.selectFrom('unit').select(['id', 'code', 'kind']).where('code', 'like', 'DEMO-%').where('kind', 'in', ['department', 'district']).orderBy('code').execute();
  const rand = mulberry32(84);
  for (const u of units) {
    await db.updateTable('unit').set({ latitude: 22.3 + rand() * 0.9, longitude: 104.5 + rand() * 0.9 }).where('id', '=', u.id).execute();
  }
  const campaign = await createCampaign(db, {
    name: 'Khảo sát SIPAS 2025 (minh hoạ)', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5',
    unitIds: units.map((u) => u.id), previousCampaignId: null,
  });
  await db.updateTable('campaign').set({ status: 'fieldwork' }).where('id', '=', campaign.id).execute();
  await savePlan(db, campaign.id, { questionnaireId: 'sipas-2023', questionnaireVersion: 1, startsOn: day(-30), endsOn: day(60), minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
  await saveQuotas(db, campaign.id, units.map((u) => ({ unitId: u.id, level: 'all' as const, target: u.kind === 'district' ? 40 : 30 })));
  const demoEnumerator = await db.selectFrom('app_user').select('id').where('username', '=', 'dieutravien').executeTakeFirstOrThrow();
  const supervisor = await db.selectFrom('app_user').select('id').where('username', '=', 'giamsat').executeTakeFirstOrThrow();
  const enumeratorIds = [demoEnumerator.id];
  for (const [i, name] of ['Nguyễn Thị Hoa', 'Lò Văn Sơn', 'Vàng Thị Mai', 'Hoàng Văn Tùng'].entries()) {
    enumeratorIds.push((await createUser(db, { username: `buudien${i + 1}`, displayName: `${name} (Bưu điện)`, role: 'enumerator', password: generatePassword() })).id);
  }
  await saveAssignments(db, campaign.id, {
    enumerators: enumeratorIds.map((userId, i) => ({ userId, unitIds: units.filter((_, k) => k % enumeratorIds.length === i || k % enumeratorIds.length === (i + 1) % enumeratorIds.length).map((u) => u.id) })),
    supervisors: [{ userId: supervisor.id, enumeratorIds: enumeratorIds.slice(0, 3), unitIds: [] }],
  });

  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: adminPassword } });
  const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')?.value ?? ''}`;
  const api = injectClient(app, cookie);
  const result = await simulateSipas(api, { campaignId: campaign.id, forms: 400, seed: 2025 });
  const pending = await db.selectFrom('sipas_form').select('id').where('campaign_id', '=', campaign.id).where('status', '=', 'pending').orderBy('received_at').orderBy('id').limit(250).execute();
  for (const [i, f] of pending.entries()) {
    const decision = i % 25 === 0 ? { action: 'return', reason: 'Thiếu thông tin người trả lời, đề nghị bổ sung' } : { action: 'accept' };
    await api.post(`/api/fieldwork/forms/${f.id}/decision`, decision);
  }
  const twoLevel = await loadDemoTwoLevelFieldwork(db, api, enumeratorIds);
  return { campaignId: campaign.id, ...result, twoLevel };
}

/**
 * SIPAS on the 2026 two-level campaign (demo-lineage.ts; issue 14): the questionnaire version for two-level
 * government (levels province and commune only), quotas per unit, the same enumerators, 150 synthetic forms.
 */
async function loadDemoTwoLevelFieldwork(db: Kysely<DB>, api: ApiClient, enumeratorIds: string[]) {
  const campaign = await db.selectFrom('campaign').select('id').where('year', '=', 2026).where('name', 'like', '%hai cấp%').executeTakeFirst();
  if (!campaign) return null;
  const units = await db.selectFrom('campaign_unit').innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['unit.id', 'unit.kind', 'unit.latitude']).where('campaign_unit.campaign_id', '=', campaign.id).orderBy('unit.code').execute();
  const rand = mulberry32(2026);
  for (const u of units.filter((x) => x.latitude === null)) {
    await db.updateTable('unit').set({ latitude: 22.3 + rand() * 0.9, longitude: 104.5 + rand() * 0.9 }).where('id', '=', u.id).execute();
  }
  await db.updateTable('campaign').set({ status: 'fieldwork' }).where('id', '=', campaign.id).execute();
  await savePlan(db, campaign.id, { questionnaireId: 'sipas-2023-two-level', questionnaireVersion: 1, startsOn: day(-20), endsOn: day(70), minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
  await saveQuotas(db, campaign.id, units.map((u) => ({ unitId: u.id, level: 'all' as const, target: u.kind === 'commune' ? 20 : 12 })));
  await saveAssignments(db, campaign.id, {
    enumerators: enumeratorIds.map((userId, i) => ({ userId, unitIds: units.filter((_, k) => k % enumeratorIds.length === i).map((u) => u.id) })),
    supervisors: [],
  });
  const result = await simulateSipas(api, { campaignId: campaign.id, forms: 150, seed: 2026 });
  return { campaignId: campaign.id, posted: result.posted, stored: result.stored };
}
