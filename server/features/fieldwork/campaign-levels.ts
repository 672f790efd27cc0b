// A campaign's levels of government are data (issue 14): the options of the `gov_level` question of the questionnaire
// its fieldwork plan uses, and — before a plan is chosen — its unit tree (a tree with districts has three levels, one
// without has two: province and commune). Quotas, submissions, strata, breakdowns and the phone app use these levels;
// nothing else lists them. Labels come from the questionnaire.
import type { Kysely } from 'kysely';
import { getQuestionnaire, govLevels, QUESTIONNAIRES, type GovLevel } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import * as repo from './repository';

export type { GovLevel };

/** The unit-wide quota: not a level of government, allowed beside a campaign's levels. */
export const ALL_LEVELS = 'all';

/** The questionnaires whose levels stand for a unit tree without a plan: with districts, and two-level government. */
const THREE_LEVEL_DEFAULT = 'sipas-2023';
const TWO_LEVEL_DEFAULT = 'sipas-2023-two-level';

const levelsOf = (id: string, version?: number): GovLevel[] => {
  const q = getQuestionnaire(id, version);
  return q ? govLevels(q) : [];
};

/** The levels of a plan's questionnaire; when it asks no level (or there is no plan), those of the unit tree. */
export function levelsFor(plan: { questionnaireId: string; questionnaireVersion: number } | null, treeHasDistricts: boolean): GovLevel[] {
  const planned = plan ? levelsOf(plan.questionnaireId, plan.questionnaireVersion) : [];
  if (planned.length > 0) return planned;
  return levelsOf(treeHasDistricts ? THREE_LEVEL_DEFAULT : TWO_LEVEL_DEFAULT);
}

/** Whether a campaign's unit tree has a district (among its units or directly under them). */
async function treeHasDistricts(db: Kysely<DB>, campaignId: string): Promise<boolean> {
  const inCampaign = db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId);
  const row = await db.selectFrom('unit').select('id').where('kind', '=', 'district')
    .where((eb) => eb.or([eb('id', 'in', inCampaign), eb('parent_id', 'in', inCampaign)]))
    .limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A campaign's levels of government, in the questionnaire's order, with their labels. */
export async function campaignLevels(db: Kysely<DB>, campaignId: string): Promise<GovLevel[]> {
  const [plan] = await repo.findPlans(db, [campaignId]);
  const planned = plan ? levelsOf(plan.questionnaire_id, plan.questionnaire_version) : [];
  if (planned.length > 0) return planned;
  return levelsFor(null, await treeHasDistricts(db, campaignId));
}

const labelOf = (levels: readonly GovLevel[], value: string, lang: 'vi' | 'en') => levels.find((l) => l.value === value)?.label[lang] ?? value;

/** "cấp tỉnh (province), cấp xã (commune)" — the allowed levels as a message names them. */
export function describeLevels(levels: readonly GovLevel[], lang: 'vi' | 'en', withAll = false): string {
  const names = levels.map((l) => `${lang === 'vi' ? l.label.vi.toLowerCase() : l.label.en.toLowerCase()} (${l.value})`);
  if (withAll) names.push(lang === 'vi' ? 'tất cả các cấp (all)' : 'all levels (all)');
  return names.join(', ');
}

/** The message for a level the campaign does not have, naming the level and the allowed ones. */
export function unknownLevelMessage(level: string, levels: readonly GovLevel[], withAll = false): { vi: string; en: string } {
  const n = levels.length;
  return {
    vi: `Cấp "${level}" không có trong đợt đánh giá này: đợt dùng chính quyền ${n} cấp, các cấp được dùng là ${describeLevels(levels, 'vi', withAll)}.`,
    en: `Level "${level}" is not one of this campaign's levels: it has ${n}-level government, the allowed levels are ${describeLevels(levels, 'en', withAll)}.`,
  };
}

/** A 400 `validation` error for a level outside the campaign's levels (`field` says where). */
export function levelNotInCampaign(field: string, level: string, levels: readonly GovLevel[], withAll = false): AppError {
  const m = unknownLevelMessage(level, levels, withAll);
  return new AppError(400, 'validation', { vi: `Trường ${field}: ${m.vi}`, en: `Field ${field}: ${m.en}` }, { level, allowed: [...levels.map((l) => l.value), ...(withAll ? [ALL_LEVELS] : [])] });
}

export { labelOf as levelLabel };

/** Every level of government some shipped questionnaire asks about (province, district, commune). */
const KNOWN_LEVELS = new Set(QUESTIONNAIRES.flatMap((q) => govLevels(q).map((l) => l.value)));

/**
 * Why a form's `gov_level` answer cannot be stored in its campaign (null when it can): a level of government that
 * the campaign's questionnaire does not offer, e.g. "district" in a two-level campaign (a phone still on a three-level
 * questionnaire). Any other answer (not a level at all) is stored and flagged as an invalid answer, as before; so is a
 * form of a campaign without a plan (its answers are checked against its own questionnaire).
 */
export function formLevelRefusal(govLevel: unknown, plan: { questionnaireId: string; questionnaireVersion: number } | null): { vi: string; en: string } | null {
  if (!plan || typeof govLevel !== 'string' || !KNOWN_LEVELS.has(govLevel)) return null;
  const levels = levelsOf(plan.questionnaireId, plan.questionnaireVersion);
  if (levels.length === 0 || levels.some((l) => l.value === govLevel)) return null;
  const m = unknownLevelMessage(govLevel, levels);
  return { vi: `Câu hỏi gov_level: ${m.vi}`, en: `Question gov_level: ${m.en}` };
}
