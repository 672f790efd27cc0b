import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../shared/components/Button';
import { ErrorNotice } from '../shared/components/ErrorNotice';

/** Shown when a screen throws while rendering (or its chunk fails to load). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main className="page stack">
      <ErrorNotice error={error} title={t('errors.screen')} />
      <ButtonLink to="/">{t('common.home')}</ButtonLink>
    </main>
  );
}
