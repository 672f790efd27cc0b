import type { Kysely, Selectable } from 'kysely';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import type { CampaignStatus, DB, LeadershipSurveyTable } from '../../db/schema';
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

/**
 * Leadership e-mail goes out only while the campaign is in fieldwork ("Đang khảo sát"): a draft is still being set up
 * (a sent invitation cannot be called back, and its link would take answers at once), a closed campaign's links are
 * dead. Refuses with what to do (issue 12, point 10).
 */
export function refuseUnlessRunning(campaign: { name: string; status: CampaignStatus }) {
  if (campaign.status === 'draft') {
    throw new AppError(409, 'campaign_not_running', {
      vi: `Đợt đánh giá “${campaign.name}” đang ở trạng thái Nháp nên chưa gửi thư nào. Khi mẫu thư, hạn trả lời và danh sách người được khảo sát đã sẵn sàng, hãy chuyển đợt sang “Đang khảo sát” (trang của đợt đánh giá → Trạng thái) rồi gửi lại.`,
      en: `The campaign “${campaign.name}” is a draft, so no e-mail was sent. When the templates, deadline and respondent list are ready, set the campaign to “Fieldwork” (the campaign's page → Status) and send again.`,
    });
  }
  if (campaign.status === 'closed') {
    throw new AppError(409, 'campaign_not_running', {
      vi: `Đợt đánh giá “${campaign.name}” đã đóng: các đường dẫn trả lời đã hết hiệu lực, không gửi thư nữa.`,
      en: `The campaign “${campaign.name}” is closed: its answer links no longer work, and no more e-mail is sent.`,
    });
  }
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
