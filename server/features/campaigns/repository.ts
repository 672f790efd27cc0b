import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CampaignTable, DB } from '../../db/schema';

export async function listCampaigns(db: Kysely<DB>) {
  return db.selectFrom('campaign').selectAll().orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export const findCampaign = (db: Kysely<DB>, id: string) =>
  db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();

export async function campaignUnitIds(db: Kysely<DB>, campaignIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(campaignIds.map((id) => [id, []]));
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('campaign_unit')
    .innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['campaign_unit.campaign_id', 'campaign_unit.unit_id'])
    .where('campaign_unit.campaign_id', 'in', campaignIds)
    .orderBy('unit.position')
    .orderBy('unit.code')
    .execute();
  for (const r of rows) out.get(r.campaign_id)?.push(r.unit_id);
  return out;
}

export const insertCampaign = (db: Kysely<DB>, c: Insertable<CampaignTable>) =>
  db.insertInto('campaign').values(c).returningAll().executeTakeFirstOrThrow();

export const updateCampaign = (db: Kysely<DB>, id: string, patch: Updateable<CampaignTable>) =>
  Object.keys(patch).length === 0
    ? findCampaign(db, id)
    : db.updateTable('campaign').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export async function setCampaignUnits(db: Kysely<DB>, campaignId: string, unitIds: string[]) {
  const current = (await campaignUnitIds(db, [campaignId])).get(campaignId) ?? [];
  const removed = current.filter((id) => !unitIds.includes(id));
  const added = unitIds.filter((id) => !current.includes(id));
  if (removed.length) await db.deleteFrom('campaign_unit').where('campaign_id', '=', campaignId).where('unit_id', 'in', removed).execute();
  if (added.length) await db.insertInto('campaign_unit').values(added.map((unit_id) => ({ campaign_id: campaignId, unit_id }))).execute();
}

export async function countExistingUnits(db: Kysely<DB>, unitIds: string[]) {
  if (unitIds.length === 0) return 0;
  const r = await db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', unitIds).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function isUnitInCampaign(db: Kysely<DB>, campaignId: string, unitId: string) {
  const r = await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();
  return !!r;
}
