import { sql, type CompiledQuery, type InferResult, type Insertable, type Kysely, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB, FieldworkPlanTable, FormFlag, SipasFormTable } from '../../db/schema';
import { runByName } from '../../db/database';

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

/**
 * A new form as the service writes it: the JSON columns as values, serialised once with the whole batch (never a
 * string per column that is then quoted again), the analysis codes as bytes.
 */
export type NewForm = {
  [K in Exclude<keyof SipasFormTable, 'id' | 'answers' | 'paradata' | 'flags' | 'analysis_codes' | 'received_at'>]-?: Exclude<Insertable<SipasFormTable>[K], undefined>;
} & { answers: Record<string, unknown>; paradata: Record<string, unknown>; flags: FormFlag[]; analysis_codes: Buffer | null; received_at: Date };

/** Every column a new form writes (the rest take their defaults); the type says the list misses none. */
const NEW_FORM_COLUMNS = [
  'client_uuid', 'campaign_id', 'unit_id', 'enumerator_id', 'submitted_by', 'questionnaire_id', 'questionnaire_version', 'mode',
  'paper_serial', 'gov_level', 'answers', 'analysis_codes', 'paradata', 'duration_seconds', 'status', 'flags', 'received_at',
] as const satisfies readonly (keyof NewForm)[];
type MissingColumn = Exclude<keyof NewForm, (typeof NEW_FORM_COLUMNS)[number]>;
const everyColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
void everyColumn;

/**
 * The INSERT is the same for every batch: the rows arrive as ONE json parameter (an array of objects keyed by
 * column) that json_populate_recordset turns into rows of sipas_form's own type, so the statement neither grows
 * with the batch nor lists column types beside the schema, is compiled once per database handle, and the driver
 * writes one parameter instead of 17 a form (issue 10: compiling the multi-row VALUES list and writing its bind
 * parameters took a fifth of the server's time).
 */
const insertTemplates = new WeakMap<Kysely<DB>, CompiledQuery<{ id: string; client_uuid: string }>>();
const ROWS_PLACEHOLDER = '$rows';

function insertTemplate(db: Kysely<DB>) {
  let template = insertTemplates.get(db);
  if (!template) {
    template = db
      .insertInto('sipas_form')
      .columns(NEW_FORM_COLUMNS)
      .expression((eb) => eb
        .selectFrom(sql<Selectable<SipasFormTable>>`json_populate_recordset(null::sipas_form, ${ROWS_PLACEHOLDER}::json)`.as('r'))
        .select(NEW_FORM_COLUMNS.map((c) => `r.${c}` as const)))
      .onConflict((oc) => oc.column('client_uuid').doNothing())
      .returning(['id', 'client_uuid'])
      .compile();
    if (template.parameters.length !== 1 || template.parameters[0] !== ROWS_PLACEHOLDER) throw new Error('insertForms: the rows are not the only parameter');
    runByName(template.sql);
    insertTemplates.set(db, template);
  }
  return template;
}

/** A form as an element of the rows parameter: bytea as its hex text, the time as ISO text, the rest as JSON writes it. */
const asJsonRow = (row: NewForm, receivedAt: string) =>
  ({ ...row, analysis_codes: row.analysis_codes ? `\\x${row.analysis_codes.toString('hex')}` : null, received_at: receivedAt });

/**
 * Inserts new forms; a clientUuid already stored (a resend racing this one) is skipped, never duplicated. Returns
 * the ids of the rows written (the rest of a receipt is what the caller wrote).
 */
export async function insertForms(db: Kysely<DB>, rows: NewForm[]): Promise<{ id: string; client_uuid: string }[]> {
  if (rows.length === 0) return [];
  const template = insertTemplate(db);
  let at: Date | null = null; // a batch's rows share their arrival time: written out once
  let atText = '';
  const json = JSON.stringify(rows.map((row) => {
    if (row.received_at !== at) [at, atText] = [row.received_at, row.received_at.toISOString()];
    return asJsonRow(row, atText);
  }));
  const result = await db.executeQuery<{ id: string; client_uuid: string }>({ ...template, parameters: [json] });
  return result.rows;
}

/** What a batch of submissions is checked against: the batch's own identifiers (all uuids but paper serials). */
export interface SubmissionKeys {
  clientUuids: string[];
  campaignIds: string[];
  unitIds: string[];
  /** accounts the forms are for: checked to be enumerators (on-behalf uploads), and their unit assignments */
  enumeratorIds: string[];
  paperSerials: string[];
  /** the uploading supervisor (their assignments in these campaigns), none for anyone else */
  supervisorIds: string[];
}

const KEY_SLOTS = ['clientUuids', 'campaignIds', 'unitIds', 'enumeratorIds', 'paperSerials', 'supervisorIds'] as const;

/**
 * The statement is the same for every batch (each key is one array parameter, `= any($n)`), so it is built and
 * compiled once per database handle, with a placeholder array per key, and each batch binds its own arrays in
 * their places (issue 10: building these eleven subqueries with Kysely cost about as much as the statement itself).
 */
const contextTemplates = new WeakMap<Kysely<DB>, CompiledQuery<SubmissionContext>>();
const placeholders = Object.fromEntries(KEY_SLOTS.map((slot) => [slot, [] as string[]])) as unknown as SubmissionKeys;
const slotOf = new Map<unknown, (typeof KEY_SLOTS)[number]>(KEY_SLOTS.map((slot) => [placeholders[slot], slot]));

function contextTemplate(db: Kysely<DB>): CompiledQuery<SubmissionContext> {
  let template = contextTemplates.get(db);
  if (!template) {
    template = submissionContextQuery(db, placeholders).compile();
    const bound = new Set(template.parameters.map((p) => slotOf.get(p)));
    if (KEY_SLOTS.some((slot) => !bound.has(slot))) throw new Error('submissionContext: a key is not a parameter of the compiled statement');
    runByName(template.sql);
    contextTemplates.set(db, template);
  }
  return template;
}

/**
 * Everything a batch of submissions is checked against, read in ONE statement (issue 10: one round trip a batch
 * instead of twelve): each part is a subquery aggregated to a JSON array. The keys cover every readable form of
 * the batch (a superset of what the storable forms need: the service matches each form on its exact keys).
 * JSON turns timestamps into ISO strings and numerics into numbers.
 */
export async function submissionContext(db: Kysely<DB>, keys: SubmissionKeys): Promise<SubmissionContext> {
  const template = contextTemplate(db);
  const parameters = template.parameters.map((p) => {
    const slot = slotOf.get(p);
    return slot ? keys[slot] : p;
  });
  const { rows } = await db.executeQuery<SubmissionContext>({ ...template, parameters });
  return rows[0]!;
}

/** The statement of submissionContext (the benchmark compiles it to show its plan). */
export function submissionContextQuery(db: Kysely<DB>, k: SubmissionKeys) {
  return db
    .selectNoFrom((eb) => {
      const anyOf = (values: string[]) => eb.fn.any(eb.val(values));
      return [
        jsonArrayFrom(eb.selectFrom('app_user').select('id').where('id', '=', anyOf(k.enumeratorIds)).where('role', '=', 'enumerator')).as('enumerators'),
        jsonArrayFrom(
          eb.selectFrom('supervisor_assignment').select(['campaign_id', 'enumerator_id', 'unit_id'])
            .where('supervisor_id', '=', anyOf(k.supervisorIds)).where('campaign_id', '=', anyOf(k.campaignIds)),
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
        // each quota with the forms counted against it (all but rejected; of its level unless 'all'): the counts the
        // database keeps per campaign × unit × level (migration 0019), never a count of the unit's forms per batch
        jsonArrayFrom(
          eb.selectFrom('fieldwork_quota as q')
            .select((e) => [
              'q.campaign_id', 'q.unit_id', 'q.level', 'q.target',
              e.selectFrom('fieldwork_form_count as c')
                .select((c) => c.fn.coalesce(c.fn.sum<number>('c.forms'), c.lit(0)).as('n'))
                .whereRef('c.campaign_id', '=', 'q.campaign_id').whereRef('c.unit_id', '=', 'q.unit_id')
                .where((w) => w.or([w('q.level', '=', 'all'), w('c.gov_level', '=', w.ref('q.level'))]))
                .as('counted'),
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

export type SubmissionContext = InferResult<ReturnType<typeof submissionContextQuery>>[number];

export const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::jsonb`;
