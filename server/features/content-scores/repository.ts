import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ContentScoreTable, DB } from '../../db/schema';

export type ContentScoreRow = Selectable<ContentScoreTable>;

export const listScores = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.selectFrom('content_score').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();

export const listCampaignScores = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('content_score').selectAll().where('campaign_id', '=', campaignId).execute();

export async function upsertScore(db: Kysely<DB>, row: Insertable<ContentScoreTable>) {
  const { campaign_id, unit_id, criterion_code, ...rest } = row;
  await db
    .insertInto('content_score')
    .values(row)
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'criterion_code']).doUpdateSet({ ...rest, updated_at: new Date() }))
    .execute();
}

export const deleteScores = (db: Kysely<DB>, campaignId: string, unitId: string, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve()
    : db.deleteFrom('content_score').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).where('criterion_code', 'in', codes).execute();

export async function insertAudit(
  db: Kysely<DB>,
  entries: { user_id: string | null; action: string; entity: string; entity_key: string; old_value: unknown; new_value: unknown }[],
) {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((e) => ({ ...e, old_value: JSON.stringify(e.old_value), new_value: JSON.stringify(e.new_value) })))
    .execute();
}

export const auditHistory = (db: Kysely<DB>, entity: string, key: string) =>
  db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.old_value', 'audit_log.new_value', 'app_user.display_name', 'app_user.username'])
    .where('audit_log.entity', '=', entity)
    .where('audit_log.entity_key', '=', key)
    .orderBy('audit_log.id', 'desc')
    .limit(500)
    .execute();
