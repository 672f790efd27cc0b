import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChangePasswordPage } from '../features/auth/components/ChangePasswordPage';
import { Button } from '../shared/components/Button';
import { ErrorNotice } from '../shared/components/ErrorNotice';
import { Spinner } from '../shared/components/Spinner';
import { useCurrentUser } from '../shared/session/useCurrentUser';
import { LanguageSwitch } from './LanguageSwitch';

/** Lets signed-in users through; GET /api/auth/me answering 401 sends them to the login page; a password to change comes first. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useCurrentUser();

  if (me.isPending) {
    return (
      <main className="page page--center">
        <Spinner />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="page page--center stack">
        <ErrorNotice error={me.error} />
        <Button variant="primary" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </Button>
      </main>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // a generated or admin-set password: nothing else until the person sets their own (the page they asked for follows)
  if (me.data.mustChangePassword) return <ChangePasswordPage user={me.data} languageSwitch={<LanguageSwitch />} />;
  return <Outlet />;
}
