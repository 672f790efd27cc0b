import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { LeadershipSurvey, MailKind, MailTemplate } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Checkbox, Field, TextArea, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { SaveActions } from '../../../shared/components/SaveActions';
import { useSaveSurvey } from '../api/useSaveSurvey';
import { MessagePreviewDialog } from './MessagePreviewDialog';
import { formToSurvey, surveySchema, surveyToForm, type SurveyFormValues } from './surveySchema';
import { PLACEHOLDERS, unknownPlaceholders } from './templates';

interface SurveySettingsFormProps {
  campaignId: string;
  campaignName: string;
  survey: LeadershipSurvey | null;
  /** the server's defaults, used before the survey is first saved */
  defaults: LeadershipSurvey | null;
  readOnly: boolean;
}

/** The survey's settings (deadline, sending rate, reminders, averaging, unit) and its two e-mail templates. */
export function SurveySettingsForm({ campaignId, campaignName, survey, defaults, readOnly }: SurveySettingsFormProps) {
  const { t } = useTranslation();
  const save = useSaveSurvey(campaignId);
  const [previewing, setPreviewing] = useState<MailKind | null>(null);
  const {
    register,
    handleSubmit,
    control,
    reset,
    formState: { errors, isDirty },
  } = useForm<SurveyFormValues>({ resolver: zodResolver(surveySchema), defaultValues: surveyToForm(survey ?? defaults) });
  const values = useWatch({ control }) as SurveyFormValues;

  const onSubmit = handleSubmit((form) => {
    save.mutate(formToSurvey(form, survey ?? defaults), { onSuccess: ({ survey: saved }) => reset(surveyToForm(saved)) });
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label={t('leadership.settings.title')}>
      {!survey && <Notice tone="info">{t(readOnly ? 'leadership.settings.noneReadOnly' : 'leadership.settings.none')}</Notice>}
      <fieldset className="fieldset stack" disabled={readOnly}>
        <div className="grid grid--2">
          <Field label={t('leadership.settings.deadline')} htmlFor="survey-deadline" hint={t('leadership.settings.deadlineHint')}>
            <TextInput id="survey-deadline" type="date" {...register('deadline')} />
          </Field>
          <Field
            label={t('leadership.settings.ratePerMinute')}
            htmlFor="survey-rate"
            error={message(errors.ratePerMinute?.message)}
            hint={t('leadership.settings.rateHint')}
          >
            <TextInput id="survey-rate" inputMode="numeric" autoComplete="off" {...register('ratePerMinute')} />
          </Field>
        </div>

        <fieldset className="fieldset stack stack--tight">
          <legend className="field__label">{t('leadership.settings.reminders')}</legend>
          <Checkbox label={t('leadership.settings.remindersAuto')} {...register('remindersAuto')} />
          <div className="grid grid--2">
            <Field label={t('leadership.settings.remindersMax')} htmlFor="survey-reminders-max" error={message(errors.remindersMax?.message)}>
              <TextInput id="survey-reminders-max" inputMode="numeric" autoComplete="off" {...register('remindersMax')} />
            </Field>
            <Field
              label={t('leadership.settings.minDaysApart')}
              htmlFor="survey-days-apart"
              error={message(errors.remindersMinDaysApart?.message)}
            >
              <TextInput id="survey-days-apart" inputMode="numeric" autoComplete="off" {...register('remindersMinDaysApart')} />
            </Field>
          </div>
        </fieldset>

        <div className="stack stack--tight">
          <Checkbox label={t('leadership.settings.groupAverage')} {...register('groupAverage')} />
          <p className="muted small">{t('leadership.settings.groupAverageHint')}</p>
          <Checkbox label={t('leadership.settings.keepUnit')} {...register('keepUnit')} />
          <p className="muted small">{t('leadership.settings.keepUnitHint')}</p>
        </div>
      </fieldset>

      <section className="stack" aria-labelledby="templates-title">
        <h3 id="templates-title">{t('leadership.templates.title')}</h3>
        <PlaceholderHelp />
        <TemplateFields kind="invitation" register={register} errors={errors} readOnly={readOnly} value={values.invitation} onPreview={() => setPreviewing('invitation')} />
        <TemplateFields kind="reminder" register={register} errors={errors} readOnly={readOnly} value={values.reminder} onPreview={() => setPreviewing('reminder')} />
      </section>

      <SaveActions
        save={save}
        dirty={isDirty}
        readOnly={readOnly}
        label={t('leadership.settings.save')}
        savedMessage={t('leadership.settings.saved')}
        saveUnchanged={survey === null}
        onDiscard={() => reset()}
        sticky="always"
      />

      {previewing && (
        <MessagePreviewDialog
          campaignId={campaignId}
          campaignName={campaignName}
          kind={previewing}
          template={values[previewing]}
          deadline={values.deadline || null}
          // the server renders what is stored: unsaved changes are shown with sample values instead
          useServer={survey !== null && !isDirty}
          onClose={() => setPreviewing(null)}
        />
      )}
    </form>
  );
}

/** What each placeholder becomes in the sent message. */
function PlaceholderHelp() {
  const { t } = useTranslation();
  return (
    <div className="template-help stack stack--tight">
      <p className="small">{t('leadership.templates.intro')}</p>
      <dl className="placeholders">
        {PLACEHOLDERS.map((name) => (
          <div key={name} className="placeholders__row">
            <dt>
              <code className="code">{`{{${name}}}`}</code>
            </dt>
            <dd>{t(`leadership.templates.placeholders.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

interface TemplateFieldsProps {
  kind: MailKind;
  register: UseFormRegister<SurveyFormValues>;
  errors: FieldErrors<SurveyFormValues>;
  readOnly: boolean;
  value: MailTemplate | undefined;
  onPreview: () => void;
}

function TemplateFields({ kind, register, errors, readOnly, value, onPreview }: TemplateFieldsProps) {
  const { t } = useTranslation();
  const unknown = [...new Set([...unknownPlaceholders(value?.subject ?? ''), ...unknownPlaceholders(value?.body ?? '')])];
  const message = (key: string | undefined) =>
    key ? t(key, { names: unknown.map((n) => `{{${n}}}`).join(', '), known: PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ') }) : undefined;
  return (
    <div className="card stack stack--tight">
      <h4 className="template__title">{t(`leadership.templates.${kind}`)}</h4>
      <fieldset className="fieldset stack stack--tight" disabled={readOnly}>
        <legend className="visually-hidden">{t(`leadership.templates.${kind}`)}</legend>
        <Field label={t('leadership.templates.subject')} htmlFor={`${kind}-subject`} error={message(errors[kind]?.subject?.message)}>
          <TextInput id={`${kind}-subject`} autoComplete="off" {...register(`${kind}.subject`)} />
        </Field>
        <Field label={t('leadership.templates.body')} htmlFor={`${kind}-body`} error={message(errors[kind]?.body?.message)}>
          <TextArea id={`${kind}-body`} rows={10} {...register(`${kind}.body`)} />
        </Field>
      </fieldset>
      {/* previewing changes nothing: read-only users have it too */}
      <div className="actions">
        <Button small onClick={onPreview}>
          {t(`leadership.templates.preview`)}
        </Button>
      </div>
    </div>
  );
}
