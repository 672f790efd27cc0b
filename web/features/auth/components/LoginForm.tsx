import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/apiError';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { useLogin } from '../api/useLogin';
import { loginSchema, type LoginValues } from './loginSchema';

/** Username and password; 401 and 429 get their own messages. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });

  const onSubmit = handleSubmit((values) => login.mutate(values, { onSuccess: onSignedIn }));

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {login.error &&
        (isApiError(login.error, 401) ? (
          <Notice tone="error">{t('auth.badCredentials')}</Notice>
        ) : isApiError(login.error, 429) ? (
          <Notice tone="error">{t('auth.tooManyAttempts')}</Notice>
        ) : (
          <ErrorNotice error={login.error} />
        ))}
      <Field label={t('auth.username')} htmlFor="login-username" error={errors.username?.message && t(errors.username.message)}>
        <TextInput id="login-username" autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus {...register('username')} />
      </Field>
      <Field label={t('auth.password')} htmlFor="login-password" error={errors.password?.message && t(errors.password.message)}>
        <TextInput id="login-password" type="password" autoComplete="current-password" {...register('password')} />
      </Field>
      <Button type="submit" variant="primary" busy={login.isPending}>
        {t('auth.signIn')}
      </Button>
    </form>
  );
}
