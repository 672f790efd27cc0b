import type { Kysely } from 'kysely';
import type { RoundingMap } from '../../../analytics/src/index';
import type { DB } from '../../db/schema';

/** A campaign's rounding of aggregated scores (issue 12 point 13): code → decimals, null = not rounded. */
export async function campaignRounding(db: Kysely<DB>, campaignId: string): Promise<RoundingMap> {
  const rows = await db.selectFrom('campaign_score_rounding').select(['criterion_code', 'decimals']).where('campaign_id', '=', campaignId).execute();
  return Object.fromEntries(rows.map((r) => [r.criterion_code, r.decimals]));
}

/** Sets the given codes' rounding for the campaign (others keep theirs). */
export async function setCampaignRounding(db: Kysely<DB>, campaignId: string, rounding: RoundingMap): Promise<void> {
  for (const [code, decimals] of Object.entries(rounding)) {
    await db
      .insertInto('campaign_score_rounding')
      .values({ campaign_id: campaignId, criterion_code: code, decimals })
      .onConflict((oc) => oc.columns(['campaign_id', 'criterion_code']).doUpdateSet({ decimals }))
      .execute();
  }
}
