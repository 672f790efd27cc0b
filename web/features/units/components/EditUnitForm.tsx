import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { Field, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { useUpdateUnit } from '../api/useUpdateUnit';
import { unitChangesSchema, type UnitChangesValues } from './unitSchema';

/** Inline form: a unit's name and group → PATCH /api/units/:unitId */
export function EditUnitForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUnit(unit.id);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<UnitChangesValues>({ resolver: zodResolver(unitChangesSchema), defaultValues: { name: unit.name, group: unit.group ?? '' } });

  const onSubmit = handleSubmit((values) => update.mutate({ name: values.name, group: values.group || null }, { onSuccess: onDone }));
  const id = `unit-${unit.id}`;

  return (
    <form className="stack stack--tight inline-edit" onSubmit={onSubmit} noValidate>
      <div className="grid grid--2">
        <Field label={t('units.fields.name')} htmlFor={`${id}-name`} error={errors.name?.message && t(errors.name.message)}>
          <TextInput id={`${id}-name`} autoFocus {...register('name')} />
        </Field>
        <Field label={t('units.fields.group')} htmlFor={`${id}-group`}>
          <TextInput id={`${id}-group`} list="unit-groups" {...register('group')} />
        </Field>
      </div>
      <FormActions small label={t('common.save')} busy={update.isPending} error={update.error} onCancel={onDone} />
    </form>
  );
}
