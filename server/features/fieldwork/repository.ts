import { sql, type Insertable, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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

export const findFormsByClientUuid = (db: Kysely<DB>, uuids: string[]) =>
  uuids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sipas_form')
        .select(['id', 'client_uuid', 'received_at', 'status', 'flags', 'enumerator_id', 'campaign_id', 'unit_id'])
        .where('client_uuid', 'in', uuids)
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

/** What a batch of submissions is checked against; keys are the batch's own identifiers (all uuids but serials). */
export interface SubmissionKeys {
  clientUuids: string[];
  campaignIds: string[];
  unitIds: string[];
  /** accounts the forms are for: checked to be enumerators (on-behalf uploads), and their unit assignments */
  enumeratorIds: string[];
  paperSerials: string[];
  /** a supervisor uploading: their assignments in these campaigns (null for anyone else) */
  supervisorId: string | null;
}

/**
 * Everything a batch of submissions is checked against, read in ONE statement (issue 10: one round trip a batch
 * instead of twelve): each part is a subquery aggregated to a JSON array. The keys cover every readable form of
 * the batch (a superset of what the storable forms need: the service matches each form on its exact keys).
 * JSON turns timestamps into ISO strings and numerics into numbers.
 */
export const submissionContext = (db: Kysely<DB>, k: SubmissionKeys) => submissionContextQuery(db, k).executeTakeFirstOrThrow();

/** The statement of submissionContext (compiled by the ingest benchmark to show its plan). */
export function submissionContextQuery(db: Kysely<DB>, k: SubmissionKeys) {
  return db
    .selectNoFrom((eb) => {
      const anyOf = (values: string[]) => eb.fn.any(eb.val(values));
      return [
        jsonArrayFrom(eb.selectFrom('app_user').select('id').where('id', '=', anyOf(k.enumeratorIds)).where('role', '=', 'enumerator')).as('enumerators'),
        jsonArrayFrom(
          eb.selectFrom('supervisor_assignment').select(['campaign_id', 'enumerator_id', 'unit_id'])
            .where('supervisor_id', '=', anyOf(k.supervisorId ? [k.supervisorId] : [])).where('campaign_id', '=', anyOf(k.campaignIds)),
        ).as('supervised'),
        jsonArrayFrom(
          eb.selectFrom('sipas_form').select(['id', 'client_uuid', 'received_at', 'status', 'flags', 'enumerator_id', 'campaign_id', 'unit_id'])
            .where('client_uuid', '=', anyOf(k.clientUuids)),
        ).as('existing'),
        jsonArrayFrom(eb.selectFrom('campaign').select(['id', 'status']).where('id', '=', anyOf(k.campaignIds))).as('campaigns'),
        jsonArrayFrom(eb.selectFrom('unit').select(['id', 'latitude', 'longitude']).where('id', '=', anyOf(k.unitIds))).as('units'),
        jsonArrayFrom(
          eb.selectFrom('campaign_unit').select(['campaign_id', 'unit_id']).where('campaign_id', '=', anyOf(k.campaignIds)).where('unit_id', '=', anyOf(k.unitIds)),
        ).as('campaignUnits'),
        jsonArrayFrom(eb.selectFrom('fieldwork_plan').selectAll().where('campaign_id', '=', anyOf(k.campaignIds))).as('plans'),
        // each quota with the forms counted against it (all but rejected; of its level unless 'all'), counted only
        // up to its target: whether it is full is all the checks need, and a full unit costs no more to count
        jsonArrayFrom(
          eb.selectFrom('fieldwork_quota as q')
            .select((e) => [
              'q.campaign_id', 'q.unit_id', 'q.level', 'q.target',
              e.selectFrom(
                e.selectFrom('sipas_form as f').select(sql.lit(1).as('one'))
                  .whereRef('f.campaign_id', '=', 'q.campaign_id').whereRef('f.unit_id', '=', 'q.unit_id').where('f.status', '<>', 'rejected')
                  .where((w) => w.or([w('q.level', '=', 'all'), w('f.gov_level', '=', w.ref('q.level'))]))
                  .limit(e.ref('q.target'))
                  .as('counted_forms'),
              ).select((c) => c.fn.countAll<number>().as('n')).as('counted'),
            ])
            .where('q.campaign_id', '=', anyOf(k.campaignIds)).where('q.unit_id', '=', anyOf(k.unitIds)),
        ).as('quotas'),
        jsonArrayFrom(
          eb.selectFrom('sipas_form').select(['campaign_id', 'paper_serial', 'client_uuid'])
            .where('campaign_id', '=', anyOf(k.campaignIds)).where('paper_serial', '=', anyOf(k.paperSerials)),
        ).as('serials'),
        jsonArrayFrom(
          eb.selectFrom('enumerator_assignment').select(['enumerator_id', 'campaign_id', 'unit_id'])
            .where('enumerator_id', '=', anyOf(k.enumeratorIds)).where('campaign_id', '=', anyOf(k.campaignIds)),
        ).as('assignments'),
      ];
    });
}

export type SubmissionContext = Awaited<ReturnType<typeof submissionContext>>;

export const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::jsonb`;
