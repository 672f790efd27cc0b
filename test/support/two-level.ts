// A two-level campaign (issue 14): a merged province's tree without districts — departments and communes directly
// under the province — surveyed with sipas-2023-two-level (levels cấp tỉnh and cấp xã).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fillAnswers, getQuestionnaire, type Question } from '../../survey-forms/src/index';
import type { DB, UnitKind } from '../../server/db/schema';
import { createCampaign, updateCampaign } from '../../server/features/campaigns/service';
import { saveAssignments, savePlan } from '../../server/features/fieldwork/setup.service';

export const TWO_LEVEL_QUESTIONNAIRE = { questionnaireId: 'sipas-2023-two-level', questionnaireVersion: 1 } as const;

export interface TwoLevelScenario {
  campaignId: string;
  /** Sở Tư pháp (a department: province level) */
  department: string;
  /** Xã Minh Tân (a merged commune, directly under the province) */
  commune: string;
  today: string;
}

/**
 * Units are written directly: the tree of a two-level province (communes under the province) is the unit-tree
 * import's business (another part of issue 14); this only needs such a tree to exist.
 */
async function unit(db: Kysely<DB>, code: string, name: string, kind: UnitKind, parentId: string | null, group: string | null) {
  const row = await db.insertInto('unit').values({ code, name, kind, parent_id: parentId, ranking_group: group, latitude: 22.82, longitude: 104.98 })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A campaign in fieldwork with the two-level questionnaire, the enumerator assigned to both units. */
export async function twoLevelScenario(db: Kysely<DB>, enumeratorId: string, prefix = 'TL'): Promise<TwoLevelScenario> {
  const province = await unit(db, prefix, 'Tỉnh Tuyên Quang (sau sáp nhập)', 'province', null, null);
  const department = await unit(db, `${prefix}-STP`, 'Sở Tư pháp', 'department', province, 'so-nganh');
  const commune = await unit(db, `${prefix}-MT`, 'Xã Minh Tân', 'commune', province, 'xa');
  const campaign = await createCampaign(db, { name: 'SIPAS 2026 (chính quyền hai cấp)', year: 2026, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [department, commune], previousCampaignId: null });
  await updateCampaign(db, campaign.id, { status: 'fieldwork' });
  const shift = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  await savePlan(db, campaign.id, { ...TWO_LEVEL_QUESTIONNAIRE, startsOn: shift(-30), endsOn: shift(30), minDurationSeconds: 60, gpsMaxKm: 50, recheckPercent: 0 });
  await saveAssignments(db, campaign.id, { enumerators: [{ userId: enumeratorId, unitIds: [department, commune] }], supervisors: [] });
  return { campaignId: campaign.id, department, commune, today: shift(0) };
}

const twoLevel = getQuestionnaire(TWO_LEVEL_QUESTIONNAIRE.questionnaireId, TWO_LEVEL_QUESTIONNAIRE.questionnaireVersion)!;

/** A valid two-level form as the phone sends it (varied answers, a 20-minute interview), at the given level. */
export function twoLevelEnvelope(s: TwoLevelScenario, unitId: string, govLevel: string, seed = 0) {
  let i = seed;
  const answers = fillAnswers(twoLevel, (question: Question) => {
    if (question.kind === 'scale') return [4, 5, 3, 4, 2][i++ % 5];
    if (question.id === 'gov_level') return govLevel;
    return undefined;
  });
  const finished = Date.now();
  return {
    clientUuid: randomUUID(),
    campaignId: s.campaignId,
    unitId,
    ...TWO_LEVEL_QUESTIONNAIRE,
    mode: 'interview',
    paperSerial: null,
    answers,
    paradata: {
      startedAt: new Date(finished - 20 * 60_000).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      appVersion: '0.1.0',
      deviceId: 'test-device',
      gps: { lat: 22.82, lon: 104.98, accuracy: 15 },
      gpsConsent: true,
    },
  };
}
