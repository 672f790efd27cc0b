import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../features/auth/api/useLogout';
import { Button } from '../shared/components/Button';
import { Spinner } from '../shared/components/Spinner';
import { useCurrentUser } from '../shared/session/useCurrentUser';
import type { Role } from '../shared/api/contract';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../features/assessment/components/NotificationBell';

// Supervisors work on the fieldwork: it comes first for them.
const NAV: Record<Exclude<Role, 'enumerator'>, readonly { to: string; label: string }[]> = {
  admin: [
    { to: '/campaigns', label: 'nav.campaigns' },
    { to: '/fieldwork', label: 'nav.fieldwork' },
    { to: '/assessment', label: 'nav.assessment' },
    { to: '/units', label: 'nav.units' },
    { to: '/criteria', label: 'nav.criteria' },
    { to: '/users', label: 'nav.users' },
  ],
  analyst: [
    { to: '/campaigns', label: 'nav.campaigns' },
    { to: '/fieldwork', label: 'nav.fieldwork' },
    { to: '/assessment', label: 'nav.assessment' },
    { to: '/units', label: 'nav.units' },
    { to: '/criteria', label: 'nav.criteria' },
  ],
  unit_officer: [
    { to: '/assessment', label: 'nav.assessment' },
    { to: '/notifications', label: 'nav.notifications' },
  ],
  appraiser: [
    { to: '/assessment', label: 'nav.assessment' },
    { to: '/notifications', label: 'nav.notifications' },
  ],
  supervisor: [
    { to: '/fieldwork', label: 'nav.fieldwork' },
    { to: '/campaigns', label: 'nav.campaigns' },
    { to: '/units', label: 'nav.units' },
    { to: '/criteria', label: 'nav.criteria' },
  ],
};

/** Top bar (brand, navigation, language, user, logout) above the current page. */
export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser().data;
  const logout = useLogout();
  const showNav = user != null && user.role !== 'enumerator';

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <NavLink to="/" className="brand">
            ParIndex
          </NavLink>
          <div className="topbar__tools">
            <LanguageSwitch />
            {showNav && <NotificationBell />}
            {user && (
              <span className="topbar__user" title={user.username}>
                {user.displayName} <span className="topbar__role">· {t(`roles.${user.role}`)}</span>
              </span>
            )}
            <Button
              small
              variant="ghost"
              title={user ? `${user.displayName} (${user.username})` : undefined}
              busy={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
              {t('layout.logout')}
            </Button>
          </div>
        </div>
        {showNav && (
          <nav className="nav" aria-label={t('layout.mainNav')}>
            {NAV[user.role as Exclude<Role, 'enumerator'>].map((item) => (
              <NavLink key={item.to} to={item.to} className="nav__link">
                {t(item.label)}
              </NavLink>
            ))}
          </nav>
        )}
      </header>
      <main className="page">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
