import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Which units of a campaign have council-approved results (issue 11). A campaign run as a self-assessment (it has
 * phases) ranks and reports only approved units; null for a campaign without phases (scores imported or typed by
 * analysts are official as they are).
 */
export async function campaignApprovalState(db: Kysely<DB>, campaignId: string): Promise<{
  approved: Set<string>;
  notApproved: { unitId: string; unit: string }[];
} | null> {
  const phase = await db.selectFrom('assessment_phase').select('phase').where('campaign_id', '=', campaignId).limit(1).executeTakeFirst();
  if (!phase) return null;
  const rows = await db.selectFrom('campaign_unit as cu').innerJoin('unit as u', 'u.id', 'cu.unit_id')
    .leftJoin('assessment_sheet as s', (j) => j.onRef('s.campaign_id', '=', 'cu.campaign_id').onRef('s.unit_id', '=', 'cu.unit_id'))
    .select(['u.id', 'u.name', 's.status']).where('cu.campaign_id', '=', campaignId).orderBy('u.position').orderBy('u.name').execute();
  return {
    approved: new Set(rows.filter((r) => r.status === 'approved').map((r) => r.id)),
    notApproved: rows.filter((r) => r.status !== 'approved').map((r) => ({ unitId: r.id, unit: r.name })),
  };
}
