import type { Kysely, Selectable } from 'kysely';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import type { DB, LeadershipSurveyTable } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { DEFAULT_TEMPLATES, renderTemplate, viDate } from './templates';

export interface SurveyApi {
  questionnaireId: string;
  questionnaireVersion: number;
  deadline: string | null;
  invitation: { subject: string; body: string };
  reminder: { subject: string; body: string };
  ratePerMinute: number;
  reminders: { auto: boolean; max: number; minDaysApart: number };
  groupAverage: boolean;
  keepUnit: boolean;
}

export const surveyToApi = (s: Selectable<LeadershipSurveyTable>): SurveyApi => ({
  questionnaireId: s.questionnaire_id,
  questionnaireVersion: s.questionnaire_version,
  deadline: s.deadline,
  invitation: { subject: s.invitation_subject, body: s.invitation_body },
  reminder: { subject: s.reminder_subject, body: s.reminder_body },
  ratePerMinute: s.rate_per_minute,
  reminders: { auto: s.reminders_auto, max: s.reminders_max, minDaysApart: s.reminders_min_days },
  groupAverage: s.group_average,
  keepUnit: s.keep_unit,
});

/** The survey's defaults before an analyst saves their own: leadership-2023, Vietnamese templates, 60 e-mails a minute. */
export const defaultSurvey = (): SurveyApi => ({
  questionnaireId: 'leadership-2023',
  questionnaireVersion: 1,
  deadline: null,
  invitation: DEFAULT_TEMPLATES.invitation,
  reminder: DEFAULT_TEMPLATES.reminder,
  ratePerMinute: 60,
  reminders: { auto: false, max: 2, minDaysApart: 3 },
  groupAverage: false,
  keepUnit: false,
});

export async function requireCampaignRow(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  return campaign;
}

export async function findSurvey(db: Kysely<DB>, campaignId: string) {
  return db.selectFrom('leadership_survey').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

export async function requireSurvey(db: Kysely<DB>, campaignId: string) {
  const s = await findSurvey(db, campaignId);
  if (!s) {
    throw new AppError(409, 'conflict', {
      vi: 'Đợt đánh giá chưa thiết lập khảo sát lãnh đạo, quản lý (mẫu thư, hạn trả lời).',
      en: 'The campaign has no leadership survey set up yet (templates, deadline).',
    });
  }
  return s;
}

export async function saveSurvey(db: Kysely<DB>, campaignId: string, input: SurveyApi) {
  await requireCampaignRow(db, campaignId);
  const q = getQuestionnaire(input.questionnaireId, input.questionnaireVersion);
  if (!q || q.kind !== 'leadership') {
    throw new AppError(400, 'validation', {
      vi: `Trường questionnaireId: không có bảng hỏi lãnh đạo ${input.questionnaireId} phiên bản ${input.questionnaireVersion}.`,
      en: `Field questionnaireId: no leadership questionnaire ${input.questionnaireId} version ${input.questionnaireVersion}.`,
    });
  }
  for (const [field, text] of [['invitation.body', input.invitation.body], ['reminder.body', input.reminder.body]] as const) {
    if (!text.includes('{{link}}')) {
      throw new AppError(400, 'validation', { vi: `Trường ${field}: mẫu thư phải có {{link}}.`, en: `Field ${field}: the template must contain {{link}}.` });
    }
  }
  const row = {
    campaign_id: campaignId,
    questionnaire_id: input.questionnaireId,
    questionnaire_version: input.questionnaireVersion,
    deadline: input.deadline,
    invitation_subject: input.invitation.subject,
    invitation_body: input.invitation.body,
    reminder_subject: input.reminder.subject,
    reminder_body: input.reminder.body,
    rate_per_minute: input.ratePerMinute,
    reminders_auto: input.reminders.auto,
    reminders_max: input.reminders.max,
    reminders_min_days: input.reminders.minDaysApart,
    group_average: input.groupAverage,
    keep_unit: input.keepUnit,
  };
  const { campaign_id: _c, ...update } = row;
  const saved = await db.insertInto('leadership_survey').values(row).onConflict((oc) => oc.column('campaign_id').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
  return surveyToApi(saved);
}

/** A message as one respondent will receive it. */
export function renderMessage(
  survey: Pick<SurveyApi, 'invitation' | 'reminder' | 'deadline'>,
  kind: 'invitation' | 'reminder',
  values: { name: string; link: string; campaign: string },
) {
  const template = survey[kind];
  const fill = { ...values, deadline: viDate(survey.deadline) };
  return { subject: renderTemplate(template.subject, fill), body: renderTemplate(template.body, fill) };
}
