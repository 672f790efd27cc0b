import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, FieldworkPlanTable, SipasFormTable } from '../../db/schema';

export const findPlans = (db: Kysely<DB>, campaignIds: string[]) =>
  campaignIds.length === 0 ? Promise.resolve([]) : db.selectFrom('fieldwork_plan').selectAll().where('campaign_id', 'in', campaignIds).execute();

export async function upsertPlan(db: Kysely<DB>, plan: FieldworkPlanTable) {
  const { campaign_id, ...rest } = plan;
  return db
    .insertInto('fieldwork_plan')
    .values(plan)
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet(rest))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listQuotas = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('fieldwork_quota').selectAll().where('campaign_id', '=', campaignId).execute();

export const quotasForUnits = (db: Kysely<DB>, pairs: { campaignId: string; unitId: string }[]) =>
  pairs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('fieldwork_quota')
        .selectAll()
        .where((eb) => eb.or(pairs.map((p) => eb.and([eb('campaign_id', '=', p.campaignId), eb('unit_id', '=', p.unitId)]))))
        .execute();

/** Forms counted against quotas (all but rejected), by campaign × unit × government level. */
export const countedForms = (db: Kysely<DB>, pairs: { campaignId: string; unitId: string }[]) =>
  pairs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sipas_form')
        .select(['campaign_id', 'unit_id', 'gov_level', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '<>', 'rejected')
        .where((eb) => eb.or(pairs.map((p) => eb.and([eb('campaign_id', '=', p.campaignId), eb('unit_id', '=', p.unitId)]))))
        .groupBy(['campaign_id', 'unit_id', 'gov_level'])
        .execute();

export const assignmentsOf = (db: Kysely<DB>, enumeratorId: string) =>
  db.selectFrom('enumerator_assignment').select(['campaign_id', 'unit_id']).where('enumerator_id', '=', enumeratorId).execute();

export const findFormsByClientUuid = (db: Kysely<DB>, uuids: string[]) =>
  uuids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sipas_form')
        .select(['id', 'client_uuid', 'received_at', 'status', 'flags', 'enumerator_id', 'campaign_id', 'unit_id'])
        .where('client_uuid', 'in', uuids)
        .execute();

export const formsWithSerials = (db: Kysely<DB>, pairs: { campaignId: string; serial: string }[]) =>
  pairs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sipas_form')
        .select(['campaign_id', 'paper_serial', 'client_uuid'])
        .where((eb) => eb.or(pairs.map((p) => eb.and([eb('campaign_id', '=', p.campaignId), eb('paper_serial', '=', p.serial)]))))
        .execute();

/** Inserts new forms; a clientUuid already stored (a resend racing this one) is skipped, never duplicated. */
export const insertForms = (db: Kysely<DB>, rows: Insertable<SipasFormTable>[]) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('sipas_form')
        .values(rows)
        .onConflict((oc) => oc.column('client_uuid').doNothing())
        .returning(['id', 'client_uuid', 'received_at', 'status', 'flags', 'enumerator_id', 'campaign_id', 'unit_id'])
        .execute();

export const campaignsByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('campaign').select(['id', 'status']).where('id', 'in', ids).execute();

/** Which of these campaign × unit pairs are units of the campaign. */
export const campaignUnitPairs = (db: Kysely<DB>, campaignIds: string[], unitIds: string[]) =>
  campaignIds.length === 0 || unitIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('campaign_unit').select(['campaign_id', 'unit_id']).where('campaign_id', 'in', campaignIds).where('unit_id', 'in', unitIds).execute();

/** A supervisor's assignments (enumerators and units) in these campaigns. */
export const supervisorAssignments = (db: Kysely<DB>, supervisorId: string, campaignIds: string[]) =>
  campaignIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('supervisor_assignment')
        .select(['campaign_id', 'enumerator_id', 'unit_id'])
        .where('supervisor_id', '=', supervisorId)
        .where('campaign_id', 'in', campaignIds)
        .execute();

export const unitsByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('unit').select(['id', 'latitude', 'longitude']).where('id', 'in', ids).execute();

export const enumeratorsByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('app_user').select('id').where('id', 'in', ids).where('role', '=', 'enumerator').execute();

export const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::jsonb`;
