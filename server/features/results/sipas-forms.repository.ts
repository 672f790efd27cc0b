// The queries of the form-by-form SIPAS results: the accepted forms' compact answer codes (migration 0006,
// survey-codes/analysis-codes.ts) — not their JSON answers — in the order (unit, id). Normally one grouped scan returns one row per
// unit with its forms' codes concatenated (string_agg over bytea), so no row and no object per form reaches Node; when
// some forms have no codes in the plan's layout (stored without codes, or of another questionnaire version) one row
// per form, carrying the JSON of those forms only. Levels and demographic answers only when asked for.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';

export interface FormsQuery {
  campaignId: string;
  questionnaire: { id: string; version: number };
  /** bytes of a form's codes in the plan's layout */
  stride: number;
  /** each form's level of government */
  levels: boolean;
  /** these answers of each form (a subset of its JSON: a demographic breakdown, raking margins) */
  demographicKeys: readonly string[];
}

export interface UnitCodesRow {
  unit: string;
  forms: number;
  /** forms without codes in the plan's layout: when any, the codes below are incomplete (use `formCodes`) */
  stale: number;
  /** the unit's forms' codes in id order, concatenated */
  codes: Buffer | null;
  levels?: (string | null)[];
  demographics?: (Record<string, unknown> | null)[];
}

export interface FormCodesRow {
  unit_id: string;
  gov_level: string | null;
  /** null when `answers` is given instead */
  analysis_codes: Buffer | null;
  /** the JSON answers, only of forms without codes in the plan's layout */
  answers: Record<string, unknown> | null;
  demographics?: Record<string, unknown> | null;
}

const staleCodes = (q: FormsQuery) => sql<boolean>`(analysis_codes is null or octet_length(analysis_codes) <> ${q.stride}
  or questionnaire_id <> ${q.questionnaire.id} or questionnaire_version <> ${q.questionnaire.version})`;

const demographicsOf = (keys: readonly string[]): RawBuilder<Record<string, unknown> | null> =>
  sql`(select jsonb_object_agg(a.key, a.value) from jsonb_each(answers) a where a.key in (${sql.join(keys)}))`;

/** One row per unit of the campaign's accepted forms (units in uuid order, forms in id order within each). */
export async function unitCodes(db: Kysely<DB>, q: FormsQuery): Promise<UnitCodesRow[]> {
  const rows = await db.selectFrom('sipas_form')
    .select((eb) => [
      sql<string>`unit_id::text`.as('unit'),
      eb.fn.countAll<number | string>().as('forms'),
      sql<number | string>`count(*) filter (where ${staleCodes(q)})`.as('stale'),
      sql<Buffer | null>`string_agg(analysis_codes, ''::bytea order by id)`.as('codes'),
    ])
    .$if(q.levels, (qb) => qb.select(sql<(string | null)[]>`array_agg(gov_level order by id)`.as('levels')))
    .$if(q.demographicKeys.length > 0, (qb) => qb.select(sql<(Record<string, unknown> | null)[]>`jsonb_agg(${demographicsOf(q.demographicKeys)} order by id)`.as('demographics')))
    .where('campaign_id', '=', q.campaignId).where('status', '=', 'accepted')
    .groupBy('unit_id').orderBy('unit_id')
    .execute();
  return rows.map((r) => ({ ...r, forms: Number(r.forms), stale: Number(r.stale) }));
}

/** One row per accepted form, in the order of `unitCodes`; the JSON only of the forms without codes in the plan's layout. */
export async function formCodes(db: Kysely<DB>, q: FormsQuery): Promise<FormCodesRow[]> {
  const stale = staleCodes(q);
  return db.selectFrom('sipas_form')
    .select(['unit_id', 'gov_level'])
    .select(sql<Buffer | null>`case when ${stale} then null else analysis_codes end`.as('analysis_codes'))
    .select(sql<Record<string, unknown> | null>`case when ${stale} then answers end`.as('answers'))
    .$if(q.demographicKeys.length > 0, (qb) => qb.select(demographicsOf(q.demographicKeys).as('demographics')))
    .where('campaign_id', '=', q.campaignId).where('status', '=', 'accepted')
    .orderBy('unit_id').orderBy('id')
    .execute();
}
