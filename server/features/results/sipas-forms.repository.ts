// The query of the form-by-form SIPAS results: each accepted form's unit, level and compact answer codes (migration
// 0006, analysis-codes.ts) in id order — not its JSON answers, except for the few forms whose codes cannot be read
// with the plan's layout (stored without codes, or of another questionnaire version), and the demographic answers a
// breakdown or a raking asks for.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface FormCodesRow {
  unit_id: string;
  gov_level: string | null;
  /** null when `answers` is given instead */
  analysis_codes: Buffer | null;
  /** the JSON answers, only of forms without codes in the plan's layout */
  answers: Record<string, unknown> | null;
  /** the asked demographic answers (a subset of the JSON), only when keys were asked for */
  demographics?: Record<string, unknown> | null;
}

/** The campaign's accepted forms in id order (the order the engine and its bootstrap see them in); `stride`: bytes of a form's codes. */
export async function acceptedFormCodes(db: Kysely<DB>, campaignId: string, questionnaire: { id: string; version: number }, stride: number,
  demographicKeys: readonly string[]): Promise<FormCodesRow[]> {
  const stale = sql<boolean>`(analysis_codes is null or octet_length(analysis_codes) <> ${stride}
    or questionnaire_id <> ${questionnaire.id} or questionnaire_version <> ${questionnaire.version})`;
  return db.selectFrom('sipas_form')
    .select(['unit_id', 'gov_level'])
    .select(sql<Buffer | null>`case when ${stale} then null else analysis_codes end`.as('analysis_codes'))
    .select(sql<Record<string, unknown> | null>`case when ${stale} then answers end`.as('answers'))
    .$if(demographicKeys.length > 0, (qb) => qb.select(
      sql<Record<string, unknown> | null>`(select jsonb_object_agg(a.key, a.value) from jsonb_each(answers) a where a.key in (${sql.join(demographicKeys)}))`.as('demographics'),
    ))
    .where('campaign_id', '=', campaignId).where('status', '=', 'accepted').orderBy('id')
    .execute();
}
