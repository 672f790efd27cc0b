import type { Kysely } from 'kysely';
import { getQuestionnaire, optionsOf, findQuestion, allQuestions } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { requireCampaignRow, requireSurvey } from './survey.service';
import { MIX_SIZE } from './respond.service';

interface Rate {
  invited: number;
  sent: number;
  failed: number;
  responded: number;
  rate: number | null;
}

/** Response rates overall, by group and by unit: rate = responded / (invited − failed) (issue 4). */
export async function tracking(db: Kysely<DB>, campaignId: string) {
  await requireCampaignRow(db, campaignId);
  const rows = await db
    .selectFrom('respondent as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select((eb) => [
      'r.respondent_group', 'r.unit_id', 'u.name as unit_name', 'r.responded',
      eb.selectFrom('mail_message as m').select('m.status').whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'invitation').where('m.status', '<>', 'cancelled')
        .orderBy('m.sequence', 'desc').limit(1).as('invitation'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .execute();
  const tally = (list: typeof rows): Rate => {
    const invited = list.filter((r) => r.invitation !== null).length;
    const sent = list.filter((r) => r.invitation === 'sent').length;
    const failed = list.filter((r) => r.invitation === 'failed').length;
    const responded = list.filter((r) => r.responded).length;
    return { invited, sent, failed, responded, rate: invited - failed > 0 ? responded / (invited - failed) : null };
  };
  const groups = [...new Set(rows.map((r) => r.respondent_group))].sort();
  const units = [...new Map(rows.filter((r) => r.unit_id).map((r) => [r.unit_id!, r.unit_name ?? ''])).entries()];
  return {
    overall: tally(rows),
    byGroup: groups.map((group) => ({ group, ...tally(rows.filter((r) => r.respondent_group === group)) })),
    byUnit: units.map(([unitId, unitName]) => ({ unitId, unitName, ...tally(rows.filter((r) => r.unit_id === unitId)) })),
  };
}

/**
 * Per sub-criterion: valid answers, "don't know" count and mean answer weight (PAR-INDEX.md §4: points = 1 × mean
 * weight, "Không biết" excluded) over the answer sheets; a cell with fewer than MIX_SIZE (5) answers is suppressed.
 */
export async function answersSummary(db: Kysely<DB>, campaignId: string) {
  const survey = await requireSurvey(db, campaignId);
  const q = getQuestionnaire(survey.questionnaire_id, survey.questionnaire_version)!;
  const sheets = await db.selectFrom('leadership_answer_sheet').select('answers').where('campaign_id', '=', campaignId).execute();
  const items = allQuestions(q).map((p) => p.question).filter((question) => question.kind === 'scale' && 'criterionCode' in question && question.criterionCode);
  return {
    sheets: sheets.length,
    items: items.map((question) => {
      const options = optionsOf(q, findQuestion(q, question.id)!);
      let n = 0;
      let dontKnow = 0;
      let sum = 0;
      for (const { answers } of sheets) {
        const value = (answers as Record<string, unknown>)[question.id];
        const option = options.find((o) => o.value === value);
        if (!option) continue;
        if (option.excluded || option.weight === undefined) dontKnow++;
        else {
          n++;
          sum += option.weight;
        }
      }
      const suppressed = n < MIX_SIZE;
      return {
        code: (question as { criterionCode: string }).criterionCode,
        questionId: question.id,
        n: suppressed ? null : n,
        dontKnow: suppressed ? null : dontKnow,
        meanWeight: suppressed ? null : sum / n,
        suppressed,
      };
    }),
  };
}
