import type { Kysely, Selectable } from 'kysely';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import type { DB, FieldworkPlanTable, QuotaLevel } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { campaignUnitIds, findCampaign } from '../campaigns/repository';
import { ALL_LEVELS, campaignLevels, levelNotInCampaign, levelsFor, type GovLevel } from './campaign-levels';
import * as repo from './repository';

export interface PlanApi {
  questionnaireId: string;
  questionnaireVersion: number;
  startsOn: string | null;
  endsOn: string | null;
  minDurationSeconds: number;
  gpsMaxKm: number;
  recheckPercent: number;
}

export const planToApi = (plan: Selectable<FieldworkPlanTable>): PlanApi => ({
  questionnaireId: plan.questionnaire_id,
  questionnaireVersion: plan.questionnaire_version,
  startsOn: plan.starts_on,
  endsOn: plan.ends_on,
  minDurationSeconds: plan.min_duration_seconds,
  gpsMaxKm: plan.gps_max_km,
  recheckPercent: plan.recheck_percent,
});

const invalid = (field: string, vi: string, en: string) => new AppError(400, 'validation', { vi: `Trường ${field}: ${vi}`, en: `Field ${field}: ${en}` });

export async function requireCampaign(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  return campaign;
}

export async function fieldworkSetup(db: Kysely<DB>, campaignId: string) {
  await requireCampaign(db, campaignId);
  const [plan] = await repo.findPlans(db, [campaignId]);
  const quotas = await repo.listQuotas(db, campaignId);
  return {
    plan: plan ? planToApi(plan) : null,
    levels: await campaignLevels(db, campaignId),
    quotas: quotas.map((q) => ({ unitId: q.unit_id, level: q.level, target: q.target })),
    ...(await assignmentLists(db, campaignId)),
  };
}

export async function savePlan(db: Kysely<DB>, campaignId: string, plan: PlanApi) {
  await requireCampaign(db, campaignId);
  const q = getQuestionnaire(plan.questionnaireId, plan.questionnaireVersion);
  if (!q || q.kind !== 'sipas') {
    throw invalid('questionnaireId', `không có bảng hỏi SIPAS ${plan.questionnaireId} phiên bản ${plan.questionnaireVersion}.`,
      `no SIPAS questionnaire ${plan.questionnaireId} version ${plan.questionnaireVersion}.`);
  }
  if (plan.startsOn && plan.endsOn && plan.startsOn > plan.endsOn) {
    throw invalid('endsOn', 'ngày kết thúc trước ngày bắt đầu.', 'the end date is before the start date.');
  }
  // the questionnaire sets the campaign's levels: quotas at a level it does not ask about would count nothing
  const levels = levelsFor(plan, false);
  const stray = (await repo.listQuotas(db, campaignId)).find((q) => q.level !== ALL_LEVELS && !levels.some((l) => l.value === q.level));
  if (stray) {
    const e = levelNotInCampaign('questionnaireId', stray.level, levels, true);
    throw new AppError(400, 'validation', {
      vi: `${e.messages.vi} Đợt đang có chỉ tiêu ở cấp "${stray.level}": hãy xóa các chỉ tiêu đó trước khi chọn bảng hỏi ${plan.questionnaireId}.`,
      en: `${e.messages.en} The campaign has quotas at level "${stray.level}": remove them before choosing questionnaire ${plan.questionnaireId}.`,
    }, e.details);
  }
  await repo.upsertPlan(db, {
    campaign_id: campaignId,
    questionnaire_id: plan.questionnaireId,
    questionnaire_version: plan.questionnaireVersion,
    starts_on: plan.startsOn,
    ends_on: plan.endsOn,
    min_duration_seconds: plan.minDurationSeconds,
    gps_max_km: plan.gpsMaxKm,
    recheck_percent: plan.recheckPercent,
  });
  return (await fieldworkSetup(db, campaignId)).plan!;
}

async function checkCampaignUnits(db: Kysely<DB>, campaignId: string, unitIds: string[], field: string) {
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const outside = [...new Set(unitIds)].filter((id) => !inCampaign.has(id));
  if (outside.length) {
    throw invalid(field, `đơn vị ${outside.join(', ')} không thuộc đợt đánh giá.`, `unit(s) ${outside.join(', ')} are not in the campaign.`);
  }
}

/** A level's name in messages: the questionnaire's label ("Cấp tỉnh"), "Tất cả các cấp" for the unit-wide quota. */
const levelName = (levels: readonly GovLevel[], level: string, lang: 'vi' | 'en') =>
  level === ALL_LEVELS ? (lang === 'vi' ? 'Tất cả các cấp' : 'All levels') : levelLabelIn(levels, level, lang);

/** "Cấp tỉnh" / "Province level": the questionnaire's label (English with "level" added). */
function levelLabelIn(levels: readonly GovLevel[], level: string, lang: 'vi' | 'en'): string {
  const found = levels.find((l) => l.value === level);
  if (!found) return level;
  return lang === 'vi' ? found.label.vi : `${found.label.en} level`;
}

/**
 * A level quota is a part of its unit's total (API.md, "Quotas"): when a unit has an overall (`all`) quota, its level
 * quotas together may not exceed it. Refused with the unit and the levels named.
 */
async function checkLevelsWithinTotal(db: Kysely<DB>, quotas: { unitId: string; level: QuotaLevel; target: number }[], levelNames: readonly GovLevel[]) {
  const over: { unitId: string; total: number; levels: { level: QuotaLevel; target: number }[] }[] = [];
  for (const unitId of new Set(quotas.map((q) => q.unitId))) {
    const own = quotas.filter((q) => q.unitId === unitId);
    const total = own.find((q) => q.level === 'all')?.target;
    const levels = own.filter((q) => q.level !== 'all');
    if (total !== undefined && levels.reduce((sum, q) => sum + q.target, 0) > total) over.push({ unitId, total, levels });
  }
  if (!over.length) return;
  const units = new Map((await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', 'in', over.map((o) => o.unitId)).execute()).map((u) => [u.id, u]));
  const describe = (lang: 'vi' | 'en') =>
    over.map((o) => {
      const u = units.get(o.unitId);
      const unit = u ? `${u.name} (${u.code})` : o.unitId;
      const parts = o.levels.map((l) => `${levelName(levelNames, l.level, lang)} ${l.target}`).join(' + ');
      const sum = o.levels.reduce((s, l) => s + l.target, 0);
      return lang === 'vi'
        ? `${unit}: ${parts} = ${sum} phiếu, nhiều hơn chỉ tiêu chung (Tất cả các cấp) ${o.total} phiếu`
        : `${unit}: ${parts} = ${sum} forms, more than the unit's overall quota (All levels) of ${o.total}`;
    }).join('; ');
  throw new AppError(400, 'validation', {
    vi: `Chỉ tiêu theo cấp là một phần của chỉ tiêu chung của đơn vị, nên cộng lại không được vượt chỉ tiêu chung. ${describe('vi')}. Hãy giảm chỉ tiêu theo cấp hoặc tăng chỉ tiêu chung.`,
    en: `Level quotas are parts of the unit's overall quota, so together they may not exceed it. ${describe('en')}. Lower the level quotas or raise the overall quota.`,
  }, { units: over.map((o) => ({ unitId: o.unitId, total: o.total, levels: o.levels.map(({ level, target }) => ({ level, target })), levelsSum: o.levels.reduce((s, l) => s + l.target, 0) })) });
}

export async function saveQuotas(db: Kysely<DB>, campaignId: string, quotas: { unitId: string; level: QuotaLevel; target: number }[]) {
  await requireCampaign(db, campaignId);
  await checkCampaignUnits(db, campaignId, quotas.map((q) => q.unitId), 'quotas[].unitId');
  const levels = await campaignLevels(db, campaignId);
  quotas.forEach((q, i) => {
    if (q.level !== ALL_LEVELS && !levels.some((l) => l.value === q.level)) throw levelNotInCampaign(`quotas[${i}].level`, q.level, levels, true);
  });
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    const k = `${q.unitId}|${q.level}`;
    if (seen.has(k)) throw invalid(`quotas[${i}]`, `chỉ tiêu của đơn vị ${q.unitId}, cấp ${q.level} bị lặp.`, `quota for unit ${q.unitId}, level ${q.level} is repeated.`);
    seen.add(k);
  });
  await checkLevelsWithinTotal(db, quotas, levels);
  await db.deleteFrom('fieldwork_quota').where('campaign_id', '=', campaignId).execute();
  if (quotas.length) {
    await db.insertInto('fieldwork_quota').values(quotas.map((q) => ({ campaign_id: campaignId, unit_id: q.unitId, level: q.level, target: q.target }))).execute();
  }
  return (await fieldworkSetup(db, campaignId)).quotas;
}

export async function assignmentLists(db: Kysely<DB>, campaignId: string) {
  const enumeratorRows = await db
    .selectFrom('enumerator_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.enumerator_id')
    .select(['u.id', 'u.username', 'u.display_name', 'a.unit_id'])
    .where('a.campaign_id', '=', campaignId)
    .orderBy('u.username')
    .execute();
  const supervisorRows = await db
    .selectFrom('supervisor_assignment as s')
    .innerJoin('app_user as u', 'u.id', 's.supervisor_id')
    .select(['u.id', 'u.username', 'u.display_name', 's.enumerator_id', 's.unit_id'])
    .where('s.campaign_id', '=', campaignId)
    .orderBy('u.username')
    .execute();
  const enumerators = new Map<string, { userId: string; username: string; displayName: string; unitIds: string[]; supervisorIds: string[] }>();
  for (const r of enumeratorRows) {
    const e = enumerators.get(r.id) ?? { userId: r.id, username: r.username, displayName: r.display_name, unitIds: [], supervisorIds: [] };
    e.unitIds.push(r.unit_id);
    enumerators.set(r.id, e);
  }
  const supervisors = new Map<string, { userId: string; username: string; displayName: string; enumeratorIds: string[]; unitIds: string[] }>();
  for (const r of supervisorRows) {
    const s = supervisors.get(r.id) ?? { userId: r.id, username: r.username, displayName: r.display_name, enumeratorIds: [], unitIds: [] };
    if (r.enumerator_id) {
      s.enumeratorIds.push(r.enumerator_id);
      enumerators.get(r.enumerator_id)?.supervisorIds.push(r.id);
    }
    if (r.unit_id) s.unitIds.push(r.unit_id);
    supervisors.set(r.id, s);
  }
  return { enumerators: [...enumerators.values()], supervisors: [...supervisors.values()] };
}

async function requireRole(db: Kysely<DB>, ids: string[], role: 'enumerator' | 'supervisor', field: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await db.selectFrom('app_user').select('id').where('id', 'in', unique).where('role', '=', role).execute();
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid(field, `${missing.join(', ')} không phải tài khoản ${role === 'enumerator' ? 'điều tra viên' : 'giám sát viên'}.`, `${missing.join(', ')} is not a(n) ${role} account.`);
}

export async function saveAssignments(
  db: Kysely<DB>,
  campaignId: string,
  input: { enumerators: { userId: string; unitIds: string[] }[]; supervisors: { userId: string; enumeratorIds: string[]; unitIds: string[] }[] },
) {
  await requireCampaign(db, campaignId);
  await requireRole(db, input.enumerators.map((e) => e.userId), 'enumerator', 'enumerators[].userId');
  await requireRole(db, input.supervisors.map((s) => s.userId), 'supervisor', 'supervisors[].userId');
  await requireRole(db, input.supervisors.flatMap((s) => s.enumeratorIds), 'enumerator', 'supervisors[].enumeratorIds');
  await checkCampaignUnits(db, campaignId, [...input.enumerators.flatMap((e) => e.unitIds), ...input.supervisors.flatMap((s) => s.unitIds)], 'unitIds');
  await db.deleteFrom('enumerator_assignment').where('campaign_id', '=', campaignId).execute();
  await db.deleteFrom('supervisor_assignment').where('campaign_id', '=', campaignId).execute();
  const enumeratorRows = input.enumerators.flatMap((e) => [...new Set(e.unitIds)].map((unit_id) => ({ campaign_id: campaignId, enumerator_id: e.userId, unit_id })));
  if (enumeratorRows.length) await db.insertInto('enumerator_assignment').values(enumeratorRows).onConflict((oc) => oc.doNothing()).execute();
  const supervisorRows = input.supervisors.flatMap((s) => [
    ...[...new Set(s.enumeratorIds)].map((enumerator_id) => ({ campaign_id: campaignId, supervisor_id: s.userId, enumerator_id, unit_id: null })),
    ...[...new Set(s.unitIds)].map((unit_id) => ({ campaign_id: campaignId, supervisor_id: s.userId, enumerator_id: null, unit_id })),
  ]);
  if (supervisorRows.length) await db.insertInto('supervisor_assignment').values(supervisorRows).execute();
  return assignmentLists(db, campaignId);
}
