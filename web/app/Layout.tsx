import { Suspense } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../features/auth/api/useLogout';
import { Button } from '../shared/components/Button';
import { Spinner } from '../shared/components/Spinner';
import { useCurrentUser } from '../shared/session/useCurrentUser';
import type { Role } from '../shared/api/types';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { NAV, sectionOf } from './navSections';
import { NotificationBell } from '../features/assessment/components/NotificationBell';

/**
 * Top bar (brand, navigation, language, the user's account page, logout) above the current page; the menu highlights the section of
 * the page shown (sectionOf).
 */
export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const user = useCurrentUser().data;
  const logout = useLogout();
  const showNav = user != null && user.role !== 'enumerator';
  const items = showNav ? NAV[user.role as Exclude<Role, 'enumerator'>] : [];
  const current = sectionOf(pathname);

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
              <NavLink to="/account" className="btn btn--ghost btn--small topbar__account" title={t('layout.accountTitle', { username: user.username })}>
                <span className="topbar__user">
                  {user.displayName} <span className="topbar__role">· {t(`roles.${user.role}`)}</span>
                </span>
                <span className="topbar__account-short">{t('layout.account')}</span>
              </NavLink>
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
        {showNav && <MainNav items={items} current={current} />}
      </header>
      <main className="page">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
