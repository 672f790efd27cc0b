import type { Kysely } from 'kysely';
import { aggregate, withRounding } from '../../../analytics/src/index';
import type { ScoreTree } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { campaignUnitIds, findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { listUnits } from '../units/repository';
import { listCampaignScores } from './repository';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { rowsToEngineInput } from './tree';
import { campaignRounding } from './rounding.repository';

/**
 * Every scored unit's score tree in a campaign, with its ranking group (the unit's group, else its kind). Units
 * without any stored score are left out. Each unit is aggregated with its own criteria set (per unit kind, issue 11);
 * `set` is the campaign's own. Each set rounds as the campaign says (campaign_score_rounding). Used by rankings and reports.
 */
export async function campaignUnitTrees(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const set = await loadCriteriaSet(db, campaign.criteria_set_code);
  if (!set) throw new AppError(500, 'internal', { vi: 'Thiếu bộ tiêu chí.', en: 'Missing criteria set.' });
  const unitIds = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const units = (await listUnits(db)).filter((u) => unitIds.has(u.id));
  const byUnit = new Map<string, Awaited<ReturnType<typeof listCampaignScores>>>();
  for (const r of await listCampaignScores(db, campaignId)) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const rounding = await campaignRounding(db, campaignId);
  const sets = new Map([[set.code, withRounding(set, rounding)]]);
  const trees: { unitId: string; name: string; group: string; tree: ScoreTree }[] = [];
  for (const u of units) {
    const rows = byUnit.get(u.id);
    if (!rows?.length) continue;
    const code = (await criteriaSetCodeForUnit(db, campaignId, u.id)) ?? set.code;
    if (!sets.has(code)) sets.set(code, withRounding((await loadCriteriaSet(db, code)) ?? set, rounding));
    const { scores, overrides } = rowsToEngineInput(rows);
    trees.push({ unitId: u.id, name: u.name, group: u.ranking_group ?? u.kind, tree: aggregate(sets.get(code)!, scores, { overrides }) });
  }
  return { campaign, set, trees };
}
