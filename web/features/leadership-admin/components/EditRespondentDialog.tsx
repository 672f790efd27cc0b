import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LEADERSHIP_GROUPS, type Respondent, type RespondentChanges, type Unit } from '../../../shared/api/types';
import { Dialog } from '../../../shared/components/Dialog';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { useUpdateRespondent } from '../api/useUpdateRespondent';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';
import { respondentSchema, type RespondentFormValues } from './respondentSchema';

interface EditRespondentDialogProps {
  campaignId: string;
  respondent: Respondent;
  units: readonly Unit[];
  onClose: () => void;
}

/** Name, e-mail, group and unit of one respondent; only what changed is sent. */
export function EditRespondentDialog({ campaignId, respondent, units, onClose }: EditRespondentDialogProps) {
  const { t } = useTranslation();
  const groupLabel = useRespondentGroupLabel();
  const update = useUpdateRespondent(campaignId);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<RespondentFormValues>({
    resolver: zodResolver(respondentSchema),
    defaultValues: {
      name: respondent.name,
      email: respondent.email,
      group: (LEADERSHIP_GROUPS as readonly string[]).includes(respondent.group) ? (respondent.group as RespondentFormValues['group']) : undefined,
      unitId: respondent.unitId ?? '',
    },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  const onSubmit = handleSubmit((values) => {
    const changes: RespondentChanges = {};
    if (values.name !== respondent.name) changes.name = values.name;
    if (values.email !== respondent.email) changes.email = values.email;
    if (values.group !== respondent.group) changes.group = values.group;
    const unitId = values.unitId || null;
    if (unitId !== respondent.unitId) changes.unitId = unitId;
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate({ respondentId: respondent.id, changes }, { onSuccess: onClose });
  });

  return (
    <Dialog title={t('leadership.edit.title')} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label={t('leadership.fields.name')} htmlFor="respondent-name" error={message(errors.name?.message)}>
          <TextInput id="respondent-name" autoComplete="off" {...register('name')} />
        </Field>
        <Field label={t('leadership.fields.email')} htmlFor="respondent-email" error={message(errors.email?.message)} hint={t('leadership.edit.emailHint')}>
          <TextInput id="respondent-email" type="email" autoComplete="off" {...register('email')} />
        </Field>
        <Field label={t('leadership.fields.group')} htmlFor="respondent-group" error={message(errors.group?.message)}>
          <Select id="respondent-group" {...register('group')}>
            {LEADERSHIP_GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('leadership.fields.unit')} htmlFor="respondent-unit" error={message(errors.unitId?.message)}>
          <Select id="respondent-unit" {...register('unitId')}>
            <option value="">{t('leadership.edit.noUnit')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.code} – {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <FormActions label={t('common.save')} busy={update.isPending} error={update.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
