import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, TextInput } from '../../../shared/components/Field';
import { useChangePassword } from '../api/useChangePassword';
import { changePasswordSchema, type ChangePasswordValues } from './changePasswordSchema';

/** Current password, new password twice; the simple rules are checked here, the rest by the server (vi/en). */
export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema(username)),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const onSubmit = handleSubmit((v) =>
    change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }, { onSuccess: () => onChanged?.() }),
  );

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {change.error && <ErrorNotice error={change.error} />}
      {/* lets password managers file the new password under the right account */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field label={t('auth.change.current')} htmlFor="change-current" error={message(errors.currentPassword?.message)}>
        <TextInput id="change-current" type="password" autoComplete="current-password" autoFocus {...register('currentPassword')} />
      </Field>
      <Field label={t('auth.change.new')} htmlFor="change-new" error={message(errors.newPassword?.message)} hint={t('auth.change.newHint')}>
        <TextInput id="change-new" type="password" autoComplete="new-password" {...register('newPassword')} />
      </Field>
      <Field label={t('auth.change.confirm')} htmlFor="change-confirm" error={message(errors.confirmPassword?.message)}>
        <TextInput id="change-confirm" type="password" autoComplete="new-password" {...register('confirmPassword')} />
      </Field>
      <Button type="submit" variant="primary" busy={change.isPending}>
        {t('auth.change.submit')}
      </Button>
    </form>
  );
}
