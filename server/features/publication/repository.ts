import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ProvinceReport } from '../reports/province-schemas';

/** What citizens see: the province-wide report of the approved results as it was at publication (the snapshot column). */
export type PublishedSnapshot = ProvinceReport;

/** A campaign's publications, newest first, with who published / withdrew each one. */
export const listPublications = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('campaign_publication as p')
    .leftJoin('app_user as pu', 'pu.id', 'p.published_by')
    .leftJoin('app_user as wu', 'wu.id', 'p.withdrawn_by')
    .select(['p.version', 'p.published_at', 'p.withdrawn_at', 'pu.display_name as published_by_name', 'wu.display_name as withdrawn_by_name'])
    .where('p.campaign_id', '=', campaignId)
    .orderBy('p.version', 'desc')
    .execute();

/** The latest version of a campaign's publication (withdrawn or not). */
export const latestPublication = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('campaign_publication').select(['id', 'version', 'withdrawn_at'])
    .where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export async function insertPublication(db: Kysely<DB>, row: { campaignId: string; version: number; snapshot: PublishedSnapshot; userId: string }) {
  return db.insertInto('campaign_publication')
    .values({ campaign_id: row.campaignId, version: row.version, snapshot: JSON.stringify(row.snapshot), published_by: row.userId })
    .returning(['version', 'published_at'])
    .executeTakeFirstOrThrow();
}

export const markWithdrawn = (db: Kysely<DB>, id: string, userId: string) =>
  db.updateTable('campaign_publication').set({ withdrawn_at: new Date(), withdrawn_by: userId }).where('id', '=', id).execute();

/** The current publication of every published campaign (latest version, not withdrawn), newest year first. */
export async function listPublished(db: Kysely<DB>) {
  const rows = await db.selectFrom('campaign_publication as p')
    .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
    .select(['c.id', 'c.name', 'c.year', 'p.version', 'p.published_at', 'p.withdrawn_at'])
    .where((eb) => eb('p.version', '=', eb.selectFrom('campaign_publication as q').select((q) => q.fn.max('q.version').as('v')).whereRef('q.campaign_id', '=', 'p.campaign_id')))
    .orderBy('c.year', 'desc').orderBy('c.name')
    .execute();
  return rows.filter((r) => r.withdrawn_at === null);
}

/** The snapshot citizens see for a campaign: its latest version when not withdrawn, else undefined. */
export async function currentSnapshot(db: Kysely<DB>, campaignId: string) {
  const row = await db.selectFrom('campaign_publication').select(['version', 'published_at', 'withdrawn_at', 'snapshot'])
    .where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && row.withdrawn_at === null ? { ...row, snapshot: row.snapshot as PublishedSnapshot } : undefined;
}
