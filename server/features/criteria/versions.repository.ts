import type { Kysely } from 'kysely';
import type { DB, UnitKind } from '../../db/schema';

export type CampaignRef = { id: string; name: string; year: number };

/** Campaigns using each set: as their own set (campaign.criteria_set_code) or for a unit kind (campaign_criteria_set). */
export async function campaignsUsingSets(db: Kysely<DB>, codes?: string[]): Promise<Map<string, CampaignRef[]>> {
  const out = new Map<string, CampaignRef[]>();
  if (codes && codes.length === 0) return out;
  let own = db.selectFrom('campaign').select(['criteria_set_code as code', 'id', 'name', 'year']);
  let perKind = db.selectFrom('campaign_criteria_set as ccs').innerJoin('campaign as c', 'c.id', 'ccs.campaign_id')
    .select(['ccs.criteria_set_code as code', 'c.id', 'c.name', 'c.year']);
  if (codes) {
    own = own.where('criteria_set_code', 'in', codes);
    perKind = perKind.where('ccs.criteria_set_code', 'in', codes);
  }
  for (const r of [...(await own.execute()), ...(await perKind.execute())]) {
    const list = out.get(r.code) ?? [];
    if (!list.some((c) => c.id === r.id)) list.push({ id: r.id, name: r.name, year: r.year });
    out.set(r.code, list);
  }
  return out;
}

export const findSetRow = (db: Kysely<DB>, code: string) =>
  db.selectFrom('criteria_set').selectAll().where('code', '=', code).executeTakeFirst();

export async function latestVersion(db: Kysely<DB>, family: string): Promise<number | null> {
  const row = await db.selectFrom('criteria_set').select((eb) => eb.fn.max<number>('version').as('v')).where('family', '=', family).executeTakeFirst();
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

/** Deletes a set and its criteria (criterion rows cascade). */
export async function deleteSet(db: Kysely<DB>, code: string) {
  await db.deleteFrom('criteria_set').where('code', '=', code).execute();
}

export async function deleteCriteria(db: Kysely<DB>, code: string) {
  await db.deleteFrom('criterion').where('criteria_set_code', '=', code).execute();
}

export const listKindSets = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('campaign_criteria_set').select(['unit_kind', 'criteria_set_code']).where('campaign_id', '=', campaignId).orderBy('unit_kind').execute();

export async function replaceKindSets(db: Kysely<DB>, campaignId: string, byKind: Partial<Record<UnitKind, string>>) {
  await db.deleteFrom('campaign_criteria_set').where('campaign_id', '=', campaignId).execute();
  const rows = Object.entries(byKind).map(([unit_kind, criteria_set_code]) => ({ campaign_id: campaignId, unit_kind: unit_kind as UnitKind, criteria_set_code: criteria_set_code as string }));
  if (rows.length > 0) await db.insertInto('campaign_criteria_set').values(rows).execute();
}

/** Units of the campaign per kind. */
export async function campaignUnitKinds(db: Kysely<DB>, campaignId: string): Promise<Partial<Record<UnitKind, number>>> {
  const rows = await db.selectFrom('campaign_unit as cu').innerJoin('unit as u', 'u.id', 'cu.unit_id')
    .select(['u.kind', (eb) => eb.fn.countAll<number>().as('n')]).where('cu.campaign_id', '=', campaignId).groupBy('u.kind').execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Unit kinds of the campaign that already have content scores (their scores were made with the set they use now). */
export async function kindsWithScores(db: Kysely<DB>, campaignId: string): Promise<UnitKind[]> {
  const rows = await db.selectFrom('content_score as s').innerJoin('unit as u', 'u.id', 's.unit_id')
    .select('u.kind').distinct().where('s.campaign_id', '=', campaignId).execute();
  return rows.map((r) => r.kind);
}

/** Has self-assessment started: a sheet exists, or a phase has opened? (then the per-kind sets are fixed) */
export async function assessmentStarted(db: Kysely<DB>, campaignId: string): Promise<{ sheets: boolean; openedPhase: { phase: string; opensAt: Date } | null }> {
  const sheet = await db.selectFrom('assessment_sheet').select('unit_id').where('campaign_id', '=', campaignId).limit(1).executeTakeFirst();
  const phase = await db.selectFrom('assessment_phase').select(['phase', 'opens_at']).where('campaign_id', '=', campaignId)
    .where('opens_at', '<=', new Date()).orderBy('opens_at').limit(1).executeTakeFirst();
  return { sheets: !!sheet, openedPhase: phase ? { phase: phase.phase, opensAt: new Date(phase.opens_at) } : null };
}
