import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { useForm, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../../../shared/api/useUnits';
import { Checkbox, Field, Select, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { unitTreeLines } from '../../../shared/units/unitTree';
import { useCreateUser, useUpdateUser, type Account } from '../api/users';
import { newUserSchema, ROLES, userChangesSchema, type NewUserValues, type UserChangesValues } from './userSchema';

type Common = Pick<NewUserValues, 'displayName' | 'role' | 'unitId' | 'email'>;

/** Role, unit (unit officers only: the one unit they self-assess), name and e-mail — shared by both forms. */
function AccountFields({ idPrefix, role, register, errors }: {
  idPrefix: string; role: string; register: UseFormRegister<Common>; errors: FieldErrors<Common>;
}) {
  const { t } = useTranslation();
  const units = useUnits();
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  return (
    <>
      <Field label={t('users.fields.displayName')} htmlFor={`${idPrefix}-name`} error={message(errors.displayName?.message)}>
        <TextInput id={`${idPrefix}-name`} {...register('displayName')} />
      </Field>
      <Field label={t('users.fields.role')} htmlFor={`${idPrefix}-role`} hint={t(`users.roleHint.${role}`)}>
        <Select id={`${idPrefix}-role`} {...register('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t(`roles.${r}`)}</option>
          ))}
        </Select>
      </Field>
      {role === 'unit_officer' && (
        <Field label={t('users.fields.unit')} htmlFor={`${idPrefix}-unit`} error={message(errors.unitId?.message)} hint={t('users.unitHint')}>
          <Select id={`${idPrefix}-unit`} {...register('unitId')}>
            <option value="">{t('common.choose')}</option>
            {unitTreeLines(units.data ?? []).map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {unit.code} — {unit.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('users.fields.email')} htmlFor={`${idPrefix}-email`} error={message(errors.email?.message)} hint={t('users.emailHint')}>
        <TextInput id={`${idPrefix}-email`} type="email" autoComplete="off" {...register('email')} />
      </Field>
    </>
  );
}

/** A new account → POST /api/users */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const { register, handleSubmit, watch, formState: { errors } } = useForm<NewUserValues>({
    resolver: zodResolver(newUserSchema),
    defaultValues: { username: '', displayName: '', role: 'unit_officer', unitId: '', email: '', password: '', mustChangePassword: true },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const onSubmit = handleSubmit((v) =>
    create.mutate(
      {
        username: v.username, displayName: v.displayName, role: v.role, password: v.password, mustChangePassword: v.mustChangePassword,
        unitId: v.role === 'unit_officer' ? v.unitId : null, email: v.email || null,
      },
      { onSuccess: onDone },
    ),
  );
  return (
    <form className="card stack form" onSubmit={onSubmit} noValidate>
      <h2>{t('users.addTitle')}</h2>
      <div className="grid grid--2">
        <Field label={t('users.fields.username')} htmlFor="user-new-username" error={message(errors.username?.message)}>
          <TextInput id="user-new-username" autoComplete="off" autoCapitalize="none" {...register('username')} />
        </Field>
        <AccountFields idPrefix="user-new" role={watch('role')} register={register as unknown as UseFormRegister<Common>} errors={errors} />
        <Field label={t('users.fields.password')} htmlFor="user-new-password" error={message(errors.password?.message)} hint={t('users.passwordHint')}>
          <TextInput id="user-new-password" type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Checkbox label={t('users.fields.mustChangePassword')} {...register('mustChangePassword')} />
      </div>
      <FormActions label={t('users.add')} busy={create.isPending} error={create.error} onCancel={onDone} />
    </form>
  );
}

/** Changes to an account → PATCH /api/users/:id (a new password, role, unit or deactivation ends its sessions). */
export function EditUserForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser(account.id);
  // the form opens above the list: bring it into view (on a phone the account may be far below)
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.scrollIntoView({ block: 'start' }), []);
  const { register, handleSubmit, watch, formState: { errors } } = useForm<UserChangesValues>({
    resolver: zodResolver(userChangesSchema),
    defaultValues: {
      displayName: account.displayName, role: account.role, unitId: account.unitId ?? '', email: account.email ?? '', active: account.active, password: '',
      mustChangePassword: true,
    },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const onSubmit = handleSubmit((v) =>
    update.mutate(
      {
        displayName: v.displayName, role: v.role, active: v.active, email: v.email || null,
        unitId: v.role === 'unit_officer' ? v.unitId : null,
        ...(v.password ? { password: v.password, mustChangePassword: v.mustChangePassword } : {}),
      },
      { onSuccess: onDone },
    ),
  );
  return (
    <form ref={formRef} className="card stack form" onSubmit={onSubmit} noValidate>
      <h2>{t('users.editTitle', { username: account.username })}</h2>
      <div className="grid grid--2">
        <AccountFields idPrefix={`user-${account.id}`} role={watch('role')} register={register as unknown as UseFormRegister<Common>} errors={errors} />
        <Field label={t('users.fields.newPassword')} htmlFor={`user-${account.id}-password`} error={message(errors.password?.message)} hint={t('users.newPasswordHint')}>
          <TextInput id={`user-${account.id}-password`} type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        {watch('password') !== '' && <Checkbox label={t('users.fields.mustChangePassword')} {...register('mustChangePassword')} />}
        <Checkbox label={t('users.fields.active')} {...register('active')} />
      </div>
      <FormActions label={t('common.save')} busy={update.isPending} error={update.error} onCancel={onDone} />
    </form>
  );
}
