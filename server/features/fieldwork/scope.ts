import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';

/**
 * Which forms a reviewer may see: analysts and admins all of a campaign's forms; a supervisor those of the
 * enumerators or units assigned to them in that campaign (issue 3: review queue per supervisor).
 */
export function formScope(user: SessionUser) {
  return (eb: ExpressionBuilder<DB, 'sipas_form'>) => {
    if (user.role !== 'supervisor') return eb.lit(true);
    return eb.exists(
      eb
        .selectFrom('supervisor_assignment as sa')
        .select(sql.lit(1).as('one'))
        .whereRef('sa.campaign_id', '=', 'sipas_form.campaign_id')
        .where('sa.supervisor_id', '=', user.id)
        .where((w) => w.or([w('sa.enumerator_id', '=', w.ref('sipas_form.enumerator_id')), w('sa.unit_id', '=', w.ref('sipas_form.unit_id'))])),
    );
  };
}

export async function canSeeForm(db: Kysely<DB>, user: SessionUser, formId: string) {
  const row = await db.selectFrom('sipas_form').select('id').where('id', '=', formId).where(formScope(user)).executeTakeFirst();
  return !!row;
}

/**
 * Whom a submitter may upload forms for (issue 9): an enumerator only for themself; an admin for any
 * enumerator; a supervisor only for forms they will see afterwards — of an enumerator or a unit assigned to
 * them in that campaign (the same rule as formScope). `supervised`: the supervisor's assignments in the batch's
 * campaigns (read with the batch's context, repository.submissionContext); ignored for other roles.
 */
export function uploadScope(submitter: { id: string; role: string }, supervised: { campaign_id: string; enumerator_id: string | null; unit_id: string | null }[]) {
  if (submitter.role !== 'supervisor') return (_form: { campaignId: string; enumeratorId: string; unitId: string }) => true;
  const mine = new Set(supervised.flatMap((r) => [r.enumerator_id ? `${r.campaign_id}|e|${r.enumerator_id}` : null, r.unit_id ? `${r.campaign_id}|u|${r.unit_id}` : null].filter((k) => k !== null)));
  return (form: { campaignId: string; enumeratorId: string; unitId: string }) =>
    mine.has(`${form.campaignId}|e|${form.enumeratorId}`) || mine.has(`${form.campaignId}|u|${form.unitId}`);
}
