import { z } from 'zod';
import type { LeadershipSurvey } from '../../../shared/api/types';
import { DEFAULT_INVITATION, DEFAULT_REMINDER, unknownPlaceholders } from './templates';

const whole = (min: number, max: number, key: string) =>
  z
    .string()
    .refine((t) => /^\s*\d+\s*$/.test(t), 'leadership.settings.errors.wholeNumber')
    .refine((t) => {
      const n = Number(t.trim());
      return n >= min && n <= max;
    }, key);

const template = z.object({
  subject: z.string().trim().min(1, 'leadership.templates.errors.subjectRequired').max(300, 'leadership.templates.errors.subjectTooLong'),
  body: z
    .string()
    .trim()
    .min(1, 'leadership.templates.errors.bodyRequired')
    .refine((body) => body.includes('{{link}}'), 'leadership.templates.errors.linkRequired'),
});

// Numbers are typed as text; messages are translation keys (min / max given where shown).
export const surveySchema = z
  .object({
    deadline: z.string(),
    ratePerMinute: whole(1, 600, 'leadership.settings.errors.rateRange'),
    remindersAuto: z.boolean(),
    remindersMax: whole(0, 10, 'leadership.settings.errors.remindersMaxRange'),
    remindersMinDaysApart: whole(1, 60, 'leadership.settings.errors.daysApartRange'),
    groupAverage: z.boolean(),
    keepUnit: z.boolean(),
    invitation: template,
    reminder: template,
  })
  .superRefine((values, ctx) => {
    for (const kind of ['invitation', 'reminder'] as const) {
      for (const part of ['subject', 'body'] as const) {
        if (unknownPlaceholders(values[kind][part]).length > 0) {
          ctx.addIssue({ code: 'custom', path: [kind, part], message: 'leadership.templates.errors.unknownPlaceholder' });
        }
      }
    }
  });
export type SurveyFormValues = z.infer<typeof surveySchema>;

/** The form's values for the stored survey, or the defaults before it is set up. */
export function surveyToForm(survey: LeadershipSurvey | null): SurveyFormValues {
  return {
    deadline: survey?.deadline ?? '',
    ratePerMinute: String(survey?.ratePerMinute ?? 30),
    remindersAuto: survey?.reminders.auto ?? false,
    remindersMax: String(survey?.reminders.max ?? 2),
    remindersMinDaysApart: String(survey?.reminders.minDaysApart ?? 3),
    groupAverage: survey?.groupAverage ?? true,
    keepUnit: survey?.keepUnit ?? false,
    invitation: { ...(survey?.invitation ?? DEFAULT_INVITATION) },
    reminder: { ...(survey?.reminder ?? DEFAULT_REMINDER) },
  };
}

/** The survey to send; call on values the schema accepted. `stored`: the saved survey (or the defaults) for the questionnaire. */
export function formToSurvey(values: SurveyFormValues, stored: LeadershipSurvey | null): LeadershipSurvey {
  return {
    questionnaireId: stored?.questionnaireId ?? 'leadership-2023',
    questionnaireVersion: stored?.questionnaireVersion ?? 1,
    deadline: values.deadline || null,
    invitation: { subject: values.invitation.subject.trim(), body: values.invitation.body.trim() },
    reminder: { subject: values.reminder.subject.trim(), body: values.reminder.body.trim() },
    ratePerMinute: Number(values.ratePerMinute.trim()),
    reminders: { auto: values.remindersAuto, max: Number(values.remindersMax.trim()), minDaysApart: Number(values.remindersMinDaysApart.trim()) },
    groupAverage: values.groupAverage,
    keepUnit: values.keepUnit,
  };
}
