import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The criteria set a unit is scored with in a campaign: the campaign's set for the unit's kind
 * (`campaign_criteria_set`, issue 11: provinces score departments and communes with their own sets), else the
 * campaign's own set. Undefined when the campaign or the unit does not exist.
 */
export async function criteriaSetCodeForUnit(db: Kysely<DB>, campaignId: string, unitId: string): Promise<string | undefined> {
  const row = await db.selectFrom('campaign as c')
    .innerJoin('unit as u', (j) => j.on('u.id', '=', unitId))
    .leftJoin('campaign_criteria_set as ccs', (j) => j.onRef('ccs.campaign_id', '=', 'c.id').onRef('ccs.unit_kind', '=', 'u.kind'))
    .select(['c.criteria_set_code as campaignSet', 'ccs.criteria_set_code as kindSet'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  return row ? (row.kindSet ?? row.campaignSet) : undefined;
}
