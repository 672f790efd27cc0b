import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../shared/components/Button';
import { ErrorNotice } from '../shared/components/ErrorNotice';
import { Spinner } from '../shared/components/Spinner';
import { useCurrentUser } from '../shared/session/useCurrentUser';

/** Lets signed-in users through; GET /api/auth/me answering 401 sends them to the login page. */
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
  return <Outlet />;
}
