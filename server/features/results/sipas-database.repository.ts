// The queries of the SIPAS database path: the accepted forms' compact codes concatenated per unit × level cell (one
// grouped scan), and the backfill of forms stored without codes.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface CodesRow {
  unit: string;
  level: string;
  forms: number;
  /** forms of the cell without codes, or with codes of another questionnaire version */
  stale: number;
  codes: Buffer;
}

/** One row per unit × level cell of the campaign's accepted forms: their codes, concatenated (string_agg over bytea). */
export async function cellCodes(db: Kysely<DB>, campaignId: string, questionnaire: { id: string; version: number }): Promise<CodesRow[]> {
  const r = await sql<{ unit: string; level: string; forms: string; stale: string; codes: Buffer | null }>`
    select f.unit_id::text as unit, coalesce(f.gov_level, '') as level, count(*) as forms,
      count(*) filter (where f.analysis_codes is null or f.questionnaire_id <> ${questionnaire.id} or f.questionnaire_version <> ${questionnaire.version}) as stale,
      string_agg(f.analysis_codes, ''::bytea) as codes
    from sipas_form f
    where f.campaign_id = ${campaignId} and f.status = 'accepted'
    group by f.unit_id, f.gov_level`.execute(db);
  return r.rows.map((row) => ({ unit: row.unit, level: row.level, forms: Number(row.forms), stale: Number(row.stale), codes: row.codes ?? Buffer.alloc(0) }));
}

/**
 * The next batch of the campaign's forms stored without codes, after form `after` in id order (keyset paging along the
 * primary key, so each batch reads only its own rows), with their questionnaire and answers.
 */
export const formsWithoutCodes = (db: Kysely<DB>, campaignId: string, after: string | null, limit: number) =>
  db.selectFrom('sipas_form').select(['id', 'questionnaire_id', 'questionnaire_version', 'answers'])
    .where('campaign_id', '=', campaignId).where('analysis_codes', 'is', null)
    .$if(after !== null, (qb) => qb.where('id', '>', after!))
    .orderBy('id').limit(limit).execute();

/** Stores computed codes (one statement per batch). */
export async function saveCodes(db: Kysely<DB>, rows: readonly { id: string; codes: Buffer }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`update sipas_form f set analysis_codes = v.codes
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.codes)}::bytea[]) as v(id, codes)
    where f.id = v.id`.execute(db);
}

/** Accepted forms of the campaign of another questionnaire (id or version) than the plan's. */
export async function formsOfOtherQuestionnaires(db: Kysely<DB>, campaignId: string, questionnaire: { id: string; version: number }): Promise<number> {
  const r = await db.selectFrom('sipas_form').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', campaignId).where('status', '=', 'accepted')
    .where((eb) => eb.or([eb('questionnaire_id', '!=', questionnaire.id), eb('questionnaire_version', '!=', questionnaire.version)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
