import { randomUUID } from 'node:crypto';
import { fillAnswers, getQuestionnaire, type Question } from '../../survey-forms/src/index';
import { createCampaign, updateCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { saveAssignments, savePlan, saveQuotas } from '../../server/features/fieldwork/setup.service';
import type { TestApp } from './app';
import { TEST_PASSWORD } from './app';

// Hà Giang city and Bắc Quang district, roughly
export const HA_GIANG = { lat: 22.8233, lon: 104.9836 };
export const BAC_QUANG = { lat: 22.4960, lon: 104.8640 };

export interface FieldworkScenario {
  campaignId: string;
  unitA: string; // quota: 3 forms in all
  unitB: string; // quota: 2 district-level forms
  enumerator1: string; // t.users.enumerator: units A and B; supervised by t.users.supervisor
  enumerator2: string; // unit A only; nobody supervises them
  today: string;
}

/** A SIPAS campaign in fieldwork with a plan, quotas, two enumerators and a supervisor (of enumerator 1 only). */
export async function fieldworkScenario(t: Pick<TestApp, 'users'> & { database: Pick<TestApp['database'], 'db'> }): Promise<FieldworkScenario> {
  const db = t.database.db;
  const province = await createUnit(db, { code: 'FW', name: 'Tỉnh Hà Giang (khảo sát)', parentId: null, kind: 'province', group: null });
  const a = await createUnit(db, { code: 'FW-A', name: 'Thành phố Hà Giang', parentId: province.id, kind: 'district', group: 'huyen' });
  const b = await createUnit(db, { code: 'FW-B', name: 'Huyện Bắc Quang', parentId: province.id, kind: 'district', group: 'huyen' });
  await db.updateTable('unit').set({ latitude: HA_GIANG.lat, longitude: HA_GIANG.lon }).where('id', '=', a.id).execute();
  await db.updateTable('unit').set({ latitude: BAC_QUANG.lat, longitude: BAC_QUANG.lon }).where('id', '=', b.id).execute();
  const campaign = await createCampaign(db, { name: 'SIPAS thử', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [a.id, b.id], previousCampaignId: null });
  await updateCampaign(db, campaign.id, { status: 'fieldwork' }); // forms are taken only in fieldwork
  const today = new Date().toISOString().slice(0, 10);
  const shift = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  await savePlan(db, campaign.id, { questionnaireId: 'sipas-2017', questionnaireVersion: 1, startsOn: shift(-30), endsOn: shift(30), minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
  await saveQuotas(db, campaign.id, [{ unitId: a.id, level: 'all', target: 3 }, { unitId: b.id, level: 'district', target: 2 }]);
  const e2 = await createUser(db, { username: 'test-enumerator-2', displayName: 'Điều tra viên 2', role: 'enumerator', password: TEST_PASSWORD });
  await saveAssignments(db, campaign.id, {
    enumerators: [{ userId: t.users.enumerator.id, unitIds: [a.id, b.id] }, { userId: e2.id, unitIds: [a.id] }],
    supervisors: [{ userId: t.users.supervisor.id, enumeratorIds: [t.users.enumerator.id], unitIds: [] }],
  });
  return { campaignId: campaign.id, unitA: a.id, unitB: b.id, enumerator1: t.users.enumerator.id, enumerator2: e2.id, today };
}

/** A session cookie for any user (enumerator 2 has no role of its own in t.cookieFor). */
export async function sessionCookie(t: TestApp, userId: string): Promise<string> {
  const token = newToken();
  await t.database.db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + 3600_000) }).execute();
  return `sid=${token}`;
}

const sipas = getQuestionnaire('sipas-2017', 1)!;

/** Varied but valid satisfaction answers (no straight-lining), district level, everything else by default. */
export function variedAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  let i = 0;
  const answers = fillAnswers(sipas, (question: Question) => {
    if (question.kind === 'scale') return [4, 5, 3, 4, 2][i++ % 5];
    if (question.id === 'gov_level') return 'district';
    return undefined;
  });
  return { ...answers, ...overrides };
}

/** A form envelope as the phone sends it: a 20-minute interview finished now, at the unit's location. */
export function envelope(s: FieldworkScenario, over: Record<string, unknown> = {}, paradata: Record<string, unknown> = {}) {
  const finished = Date.now();
  return {
    clientUuid: randomUUID(),
    campaignId: s.campaignId,
    unitId: s.unitA,
    questionnaireId: 'sipas-2017',
    questionnaireVersion: 1,
    mode: 'interview',
    paperSerial: null,
    answers: variedAnswers(),
    paradata: {
      startedAt: new Date(finished - 20 * 60_000).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      appVersion: '0.1.0',
      deviceId: 'test-device',
      gps: { lat: HA_GIANG.lat + 0.01, lon: HA_GIANG.lon, accuracy: 15 },
      gpsConsent: true,
      ...paradata,
    },
    ...over,
  };
}
