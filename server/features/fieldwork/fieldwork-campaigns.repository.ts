import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { formScope } from './scope';

export interface FieldworkCampaign {
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  startsOn: string | null;
  endsOn: string | null;
  /** forms received so far that this user may review (a supervisor: of their enumerators or units) */
  forms: number;
}

/**
 * The campaigns with SIPAS fieldwork set up (a plan: questionnaire and dates) — for a supervisor, only those where
 * enumerators or units are assigned to them, since they see nothing of the others (formScope).
 */
export async function listFieldworkCampaigns(db: Kysely<DB>, user: SessionUser): Promise<FieldworkCampaign[]> {
  let plans = db
    .selectFrom('fieldwork_plan as p')
    .select(['p.campaign_id', 'p.questionnaire_id', 'p.questionnaire_version', 'p.starts_on', 'p.ends_on']);
  if (user.role === 'supervisor') {
    plans = plans.where((eb) =>
      eb.exists(eb.selectFrom('supervisor_assignment as sa').select('sa.campaign_id').whereRef('sa.campaign_id', '=', 'p.campaign_id').where('sa.supervisor_id', '=', user.id)),
    );
  }
  const rows = await plans.orderBy('p.campaign_id').execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('sipas_form')
    .select(['sipas_form.campaign_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('sipas_form.campaign_id', 'in', rows.map((r) => r.campaign_id))
    .where(formScope(user))
    .groupBy('sipas_form.campaign_id')
    .execute();
  const formsOf = new Map(counts.map((c) => [c.campaign_id, Number(c.n)]));
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    questionnaireId: r.questionnaire_id,
    questionnaireVersion: r.questionnaire_version,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    forms: formsOf.get(r.campaign_id) ?? 0,
  }));
}
