import { z } from 'zod';
import { parseDecimal } from '../../../../analytics/src/numbers';
import { FIELDWORK_QUESTIONNAIRE_IDS, type FieldworkPlan, type FieldworkQuestionnaireId } from '../../../shared/api/types';
import { QUESTIONNAIRES } from '../../../../survey-forms/src';

/** The SIPAS questionnaires a plan may use, each version separately: "sipas-2023@1". */
export const PLAN_QUESTIONNAIRES = QUESTIONNAIRES.filter((q) => (FIELDWORK_QUESTIONNAIRE_IDS as readonly string[]).includes(q.id)).sort(
  (a, b) => b.id.localeCompare(a.id) || b.version - a.version,
);

export const questionnaireKey = (id: string, version: number) => `${id}@${version}`;

function readKey(key: string): { id: FieldworkQuestionnaireId; version: number } | null {
  const match = /^(.+)@(\d+)$/.exec(key);
  if (!match || !(FIELDWORK_QUESTIONNAIRE_IDS as readonly string[]).includes(match[1] ?? '')) return null;
  return { id: match[1] as FieldworkQuestionnaireId, version: Number(match[2]) };
}

const num = (text: string) => {
  const value = parseDecimal(text);
  return typeof value === 'number' ? value : null;
};

// Numbers are typed as text so "1,5" and "1.5" both work. Messages are translation keys.
export const planSchema = z
  .object({
    questionnaire: z.string().refine((key) => readKey(key) !== null, 'fieldworkSetup.plan.questionnaireRequired'),
    startsOn: z.string(),
    endsOn: z.string(),
    minDurationSeconds: z
      .string()
      .refine((t) => /^\s*\d+\s*$/.test(t), 'fieldworkSetup.plan.wholeSeconds')
      .refine((t) => Number(t) <= 36_000, 'fieldworkSetup.plan.durationTooLong'),
    gpsMaxKm: z
      .string()
      .refine((t) => num(t) !== null, 'fieldworkSetup.plan.notANumber')
      .refine((t) => (num(t) ?? 0) > 0, 'fieldworkSetup.plan.positive'),
    recheckPercent: z
      .string()
      .refine((t) => num(t) !== null, 'fieldworkSetup.plan.notANumber')
      .refine((t) => {
        const v = num(t) ?? -1;
        return v >= 0 && v <= 100;
      }, 'fieldworkSetup.plan.percentRange'),
  })
  .superRefine((values, ctx) => {
    if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'fieldworkSetup.plan.endBeforeStart' });
    }
  });
export type PlanFormValues = z.infer<typeof planSchema>;

/** A number as the person would type it in the current language. */
function inputText(value: number, lang: string): string {
  const text = String(value);
  return lang.startsWith('en') ? text : text.replace('.', ',');
}

/** The form's values for a stored plan, or the defaults for a campaign without one. */
export function planToForm(plan: FieldworkPlan | null, lang: string): PlanFormValues {
  const latest = PLAN_QUESTIONNAIRES[0];
  return {
    questionnaire: plan ? questionnaireKey(plan.questionnaireId, plan.questionnaireVersion) : latest ? questionnaireKey(latest.id, latest.version) : '',
    startsOn: plan?.startsOn ?? '',
    endsOn: plan?.endsOn ?? '',
    minDurationSeconds: String(plan?.minDurationSeconds ?? 300),
    gpsMaxKm: inputText(plan?.gpsMaxKm ?? 5, lang),
    recheckPercent: inputText(plan?.recheckPercent ?? 10, lang),
  };
}

/** The plan to send; call on values the schema accepted. */
export function formToPlan(values: PlanFormValues): FieldworkPlan {
  const questionnaire = readKey(values.questionnaire);
  if (!questionnaire) throw new Error(`not a questionnaire: ${values.questionnaire}`);
  return {
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    startsOn: values.startsOn || null,
    endsOn: values.endsOn || null,
    minDurationSeconds: Number(values.minDurationSeconds.trim()),
    gpsMaxKm: num(values.gpsMaxKm) ?? 0,
    recheckPercent: num(values.recheckPercent) ?? 0,
  };
}
