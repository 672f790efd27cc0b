import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../../shared/components/Spinner';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
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
    <main className="login">
      <div className="login__card card">
        <div className="login__top">
          <div>
            <div className="brand brand--large">ParIndex</div>
            <p className="muted">{t('app.tagline')}</p>
          </div>
          {languageSwitch}
        </div>
        <h1 className="login__title">{t('auth.title')}</h1>
        {me.isPending ? <Spinner /> : <LoginForm onSignedIn={() => navigate(target, { replace: true })} />}
      </div>
    </main>
  );
}
