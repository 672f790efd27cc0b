import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CriterionDef, ScoreNode, ScoreUpdate } from '../../../shared/api/types';
import { Dialog } from '../../../shared/components/Dialog';
import { Checkbox, Field, TextArea, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { useFormat } from '../../../shared/format/useFormat';
import { useUpdateScore } from '../api/useUpdateScore';
import { readNumber, scoreFormSchema, toInputText, type ScoreFormValues } from './scoreFormSchema';

interface EditScoreDialogProps {
  campaignId: string;
  unitId: string;
  node: ScoreNode;
  /** the leaf's definition, for its maximum and scoring rule (absent while the criteria set loads) */
  criterion: CriterionDef | undefined;
  onClose: () => void;
}

/** Edits one leaf: appraised, self-assessed, not applicable, note, and for rule-scored leaves the evidence numbers. */
export function EditScoreDialog({ campaignId, unitId, node, criterion, onClose }: EditScoreDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateScore(campaignId, unitId);
  const max = criterion?.maxPoints ?? (node.notApplicable ? null : node.max);
  const rule = criterion?.rule && criterion.rule.kind !== 'manual' ? criterion.rule : null;

  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<ScoreFormValues>({
    resolver: zodResolver(scoreFormSchema(max, rule)),
    defaultValues: {
      appraised: toInputText(node.appraised, format.lang),
      self: toInputText(node.self, format.lang),
      notApplicable: node.notApplicable,
      note: node.note ?? '',
      numerator: toInputText(node.evidence?.numerator ?? null, format.lang),
      denominator: toInputText(node.evidence?.denominator ?? null, format.lang),
    },
  });
  const notApplicable = useWatch({ control, name: 'notApplicable' });
  const numeratorText = useWatch({ control, name: 'numerator' });
  const usesEvidence = rule !== null && numeratorText.trim() !== '';

  const message = (key: string | undefined) => (key ? t(key, { max: format.score(max) }) : undefined);

  // only what changed is sent, so an untouched value is never rewritten at a rounded precision
  const onSubmit = handleSubmit((values) => {
    const changes: ScoreUpdate = {};
    const self = readNumber(values.self);
    if (self !== node.self) changes.self = self;
    if (values.notApplicable !== node.notApplicable) changes.notApplicable = values.notApplicable;
    const note = values.note.trim() || null;
    if (note !== (node.note ?? null)) changes.note = note;
    // changed evidence lets the rule compute the points; a changed appraised score is the council's own decision
    const numerator = readNumber(values.numerator);
    const denominator = readNumber(values.denominator);
    const evidenceChanged = numerator !== (node.evidence?.numerator ?? null) || denominator !== (node.evidence?.denominator ?? null);
    if (usesEvidence && evidenceChanged) {
      changes.numerator = numerator;
      changes.denominator = denominator;
    }
    const appraised = readNumber(values.appraised);
    if (appraised !== node.appraised && !(usesEvidence && evidenceChanged)) changes.appraised = appraised;
    if (Object.keys(changes).length === 0) onClose();
    else update.mutate({ code: node.code, update: changes }, { onSuccess: onClose });
  });

  const id = `score-${node.code}`;
  return (
    <Dialog
      title={
        <>
          <span className="code">{node.code}</span> {node.name}
        </>
      }
      onClose={onClose}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <p className="muted small">
          {t('scores.fields.max')}: {format.score(max)}
        </p>
        <div className="grid grid--2">
          <Field label={t('scores.fields.appraised')} htmlFor={`${id}-appraised`} error={message(errors.appraised?.message)} hint={usesEvidence ? t('scores.form.computedFromEvidence') : undefined}>
            <TextInput id={`${id}-appraised`} inputMode="decimal" autoComplete="off" readOnly={notApplicable || usesEvidence} {...register('appraised')} />
          </Field>
          <Field label={t('scores.fields.self')} htmlFor={`${id}-self`} error={message(errors.self?.message)}>
            <TextInput id={`${id}-self`} inputMode="decimal" autoComplete="off" readOnly={notApplicable} {...register('self')} />
          </Field>
        </div>
        {rule && (
          <fieldset className="fieldset">
            <legend className="field__label">{t('scores.form.evidence')}</legend>
            <p className="muted small">{t('scores.form.evidenceHint')}</p>
            <div className="grid grid--2">
              <Field label={rule.kind === 'rank_bands' ? t('scores.form.rank') : t('scores.form.numerator')} htmlFor={`${id}-numerator`} error={message(errors.numerator?.message)}>
                <TextInput id={`${id}-numerator`} inputMode="decimal" autoComplete="off" readOnly={notApplicable} {...register('numerator')} />
              </Field>
              {rule.kind !== 'rank_bands' && (
                <Field label={t('scores.form.denominator')} htmlFor={`${id}-denominator`} error={message(errors.denominator?.message)}>
                  <TextInput id={`${id}-denominator`} inputMode="decimal" autoComplete="off" readOnly={notApplicable} {...register('denominator')} />
                </Field>
              )}
            </div>
          </fieldset>
        )}
        <Checkbox label={t('scores.form.notApplicable')} {...register('notApplicable')} />
        <Field label={t('scores.fields.note')} htmlFor={`${id}-note`} error={message(errors.note?.message)}>
          <TextArea id={`${id}-note`} rows={3} {...register('note')} />
        </Field>
        <FormActions label={t('common.save')} busy={update.isPending} error={update.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
