import { zodResolver } from '@hookform/resolvers/zod';
import type { ChangeEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../../shared/api/types';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { useCreateUnit } from '../api/useCreateUnit';
import { unitTreeLines } from '../../../shared/units/unitTree';
import { newUnitSchema, type NewUnitValues } from './unitSchema';

/** The usual kind of a child: departments and districts under a province, communes under a district. */
const CHILD_KIND: Partial<Record<UnitKind, UnitKind>> = { province: 'department', district: 'commune' };

/** code, name, parent, kind, group → POST /api/units (group suggestions: the page's #unit-groups list) */
export function AddUnitForm({ units, onDone }: { units: readonly Unit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUnit();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<NewUnitValues>({
    resolver: zodResolver(newUnitSchema),
    defaultValues: { code: '', name: '', parentId: '', kind: units.length === 0 ? 'province' : 'department', group: '' },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  const onParentChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const parent = units.find((u) => u.id === event.target.value);
    const kind = parent ? CHILD_KIND[parent.kind] : undefined;
    if (kind) setValue('kind', kind);
  };

  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { code: values.code, name: values.name, parentId: values.parentId || null, kind: values.kind, group: values.group || null },
      { onSuccess: onDone },
    ),
  );

  return (
    <form className="card stack form" onSubmit={onSubmit} noValidate>
      <h2>{t('units.addTitle')}</h2>
      <div className="grid grid--2">
        <Field label={t('units.fields.code')} htmlFor="unit-code" error={message(errors.code?.message)}>
          <TextInput id="unit-code" autoCapitalize="characters" {...register('code')} />
        </Field>
        <Field label={t('units.fields.name')} htmlFor="unit-name" error={message(errors.name?.message)}>
          <TextInput id="unit-name" {...register('name')} />
        </Field>
        <Field label={t('units.fields.parent')} htmlFor="unit-parent">
          <Select id="unit-parent" {...register('parentId', { onChange: onParentChange })}>
            <option value="">{t('units.noParent')}</option>
            {unitTreeLines(units).map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {unit.code} — {unit.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('units.fields.kind')} htmlFor="unit-kind" error={message(errors.kind?.message)}>
          <Select id="unit-kind" {...register('kind')}>
            {UNIT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`units.kind.${kind}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('units.fields.group')} htmlFor="unit-group" hint={t('units.groupHint')}>
          <TextInput id="unit-group" list="unit-groups" {...register('group')} />
        </Field>
      </div>
      <FormActions label={t('units.add')} busy={create.isPending} error={create.error} onCancel={onDone} />
    </form>
  );
}
