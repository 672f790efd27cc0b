import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldworkPlan } from '../../../shared/api/types';
import { questionnaireTitle } from '../../../../survey-forms/src';
import { useCampaign } from '../../../shared/api/useCampaign';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { SaveActions } from '../../../shared/components/SaveActions';
import { useFormat } from '../../../shared/format/useFormat';
import { useSavePlan } from '../api/useSavePlan';
import { formToPlan, PLAN_QUESTIONNAIRES, planSchema, planToForm, questionnaireKey, type PlanFormValues } from './planSchema';

interface PlanFormProps {
  campaignId: string;
  plan: FieldworkPlan | null;
  readOnly: boolean;
}

/** The fieldwork plan: questionnaire and version, dates, the "too fast" and GPS thresholds, the re-check share. */
export function PlanForm({ campaignId, plan, readOnly }: PlanFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useSavePlan(campaignId);
  const campaign = useCampaign(campaignId).data;
  const {
    register,
    handleSubmit,
    control,
    reset,
    formState: { errors, isDirty },
  } = useForm<PlanFormValues>({ resolver: zodResolver(planSchema), defaultValues: planToForm(plan, format.lang) });
  const minDuration = useWatch({ control, name: 'minDurationSeconds' });
  const seconds = /^\s*\d+\s*$/.test(minDuration) ? Number(minDuration) : null;

  const onSubmit = handleSubmit((values) => {
    save.mutate(formToPlan(values), { onSuccess: ({ plan: saved }) => reset(planToForm(saved, format.lang)) });
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {!plan && <Notice tone="info">{t(readOnly ? 'fieldworkSetup.plan.noneReadOnly' : 'fieldworkSetup.plan.none')}</Notice>}
      <fieldset className="fieldset stack" disabled={readOnly}>
        <Field label={t('fieldworkSetup.plan.questionnaire')} htmlFor="plan-questionnaire" error={message(errors.questionnaire?.message)}>
          <Select id="plan-questionnaire" {...register('questionnaire')}>
            {PLAN_QUESTIONNAIRES.map((q) => (
              <option key={questionnaireKey(q.id, q.version)} value={questionnaireKey(q.id, q.version)}>
                {t('fieldworkSetup.plan.questionnaireOption', { title: format.text(questionnaireTitle(q, campaign?.year)), id: q.id, version: q.version })}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid grid--2">
          <Field label={t('fieldworkSetup.plan.startsOn')} htmlFor="plan-starts" error={message(errors.startsOn?.message)}>
            <TextInput id="plan-starts" type="date" {...register('startsOn')} />
          </Field>
          <Field label={t('fieldworkSetup.plan.endsOn')} htmlFor="plan-ends" error={message(errors.endsOn?.message)}>
            <TextInput id="plan-ends" type="date" {...register('endsOn')} />
          </Field>
        </div>
        <div className="grid grid--3">
          <Field
            label={t('fieldworkSetup.plan.minDuration')}
            htmlFor="plan-min-duration"
            error={message(errors.minDurationSeconds?.message)}
            hint={seconds !== null ? t('fieldworkSetup.plan.minDurationHint', { duration: format.duration(seconds) }) : undefined}
          >
            <TextInput id="plan-min-duration" inputMode="numeric" autoComplete="off" {...register('minDurationSeconds')} />
          </Field>
          <Field label={t('fieldworkSetup.plan.gpsMaxKm')} htmlFor="plan-gps" error={message(errors.gpsMaxKm?.message)} hint={t('fieldworkSetup.plan.gpsHint')}>
            <TextInput id="plan-gps" inputMode="decimal" autoComplete="off" {...register('gpsMaxKm')} />
          </Field>
          <Field
            label={t('fieldworkSetup.plan.recheckPercent')}
            htmlFor="plan-recheck"
            error={message(errors.recheckPercent?.message)}
            hint={t('fieldworkSetup.plan.recheckHint')}
          >
            <TextInput id="plan-recheck" inputMode="decimal" autoComplete="off" {...register('recheckPercent')} />
          </Field>
        </div>
      </fieldset>
      <SaveActions
        save={save}
        dirty={isDirty}
        readOnly={readOnly}
        label={t('fieldworkSetup.plan.save')}
        savedMessage={t('fieldworkSetup.plan.saved')}
        saveUnchanged={plan === null}
        onDiscard={() => reset()}
      />
    </form>
  );
}
