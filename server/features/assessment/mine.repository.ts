import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { isStaff, officerUnitId } from './scope';

export interface MyAssessmentCampaign {
  id: string;
  name: string;
  year: number;
  /** the officer's own unit in the campaign (null for appraisers and staff) */
  unitId: string | null;
  unitName: string | null;
}

/**
 * The self-assessment campaigns (those with phases) the user takes part in: staff all of them, a unit officer those
 * assessing their unit, an appraiser those they are assigned in. Newest year first.
 */
export async function myAssessmentCampaigns(db: Kysely<DB>, user: SessionUser): Promise<MyAssessmentCampaign[]> {
  let q = db.selectFrom('campaign as c')
    .where((eb) => eb.exists(eb.selectFrom('assessment_phase as p').select('p.campaign_id').whereRef('p.campaign_id', '=', 'c.id')))
    .select(['c.id', 'c.name', 'c.year']);
  let unit: { id: string; name: string } | null = null;
  if (user.role === 'unit_officer') {
    const unitId = await officerUnitId(db, user);
    if (!unitId) return [];
    const row = await db.selectFrom('unit').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
    unit = row ?? null;
    q = q.where((eb) => eb.exists(eb.selectFrom('campaign_unit as cu').select('cu.unit_id').whereRef('cu.campaign_id', '=', 'c.id').where('cu.unit_id', '=', unitId)));
  } else if (user.role === 'appraiser') {
    q = q.where((eb) => eb.exists(eb.selectFrom('appraiser_assignment as a').select('a.user_id').whereRef('a.campaign_id', '=', 'c.id').where('a.user_id', '=', user.id)));
  } else if (!isStaff(user)) {
    return [];
  }
  const rows = await q.orderBy('c.year', 'desc').orderBy('c.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, year: r.year, unitId: unit?.id ?? null, unitName: unit?.name ?? null }));
}
