import type { Kysely } from 'kysely';
import type { BandSet, CriteriaSet } from '../../../analytics/src/types';
import { withRounding } from '../../../analytics/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign, isUnitInCampaign } from '../campaigns/repository';
import { findBandSet, loadCriteriaSet } from '../criteria/repository';
import { findUnit } from '../units/repository';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { campaignRounding } from './rounding.repository';

export interface ScoreContext {
  campaign: { id: string; name: string; year: number; status: string; previousCampaignId: string | null };
  unit: { id: string; name: string; code: string };
  /** the unit's criteria set with the campaign's rounding of aggregated scores applied (campaign_score_rounding) */
  set: CriteriaSet;
  bandSet: BandSet;
}

/**
 * Loads the campaign, the unit (which must be assessed in it), the unit's criteria set (per unit kind) with the
 * campaign's rounding, and the band set.
 */
export async function loadScoreContext(db: Kysely<DB>, campaignId: string, unitId: string): Promise<ScoreContext> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound({ vi: 'đơn vị', en: 'Unit' });
  if (!(await isUnitInCampaign(db, campaignId, unitId))) {
    throw new AppError(404, 'not_found', {
      vi: `Đơn vị "${unit.name}" không thuộc đợt đánh giá "${campaign.name}".`,
      en: `Unit "${unit.name}" is not assessed in campaign "${campaign.name}".`,
    });
  }
  const plain = await loadCriteriaSet(db, (await criteriaSetCodeForUnit(db, campaignId, unitId)) ?? campaign.criteria_set_code);
  const bandSet = await findBandSet(db, campaign.band_set_code);
  if (!plain || !bandSet) throw new Error(`campaign ${campaignId} refers to a missing criteria set or band set`);
  const set = withRounding(plain, await campaignRounding(db, campaignId));
  return {
    campaign: { id: campaign.id, name: campaign.name, year: campaign.year, status: campaign.status, previousCampaignId: campaign.previous_campaign_id },
    unit: { id: unit.id, name: unit.name, code: unit.code },
    set,
    bandSet,
  };
}
