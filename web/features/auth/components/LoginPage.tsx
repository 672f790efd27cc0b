import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../../shared/components/Spinner';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { AuthCard } from './AuthCard';
import { LoginForm } from './LoginForm';

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

/** The sign-in screen; a signed-in user goes on to where they were heading. */
export function LoginPage({ languageSwitch }: { languageSwitch?: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const target = returnPath(location.state);

  if (me.data) return <Navigate to={target} replace />;

  return (
    <AuthCard title={t('auth.title')} languageSwitch={languageSwitch}>
      {me.isPending ? <Spinner /> : <LoginForm onSignedIn={() => navigate(target, { replace: true })} />}
    </AuthCard>
  );
}
