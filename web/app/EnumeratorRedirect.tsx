import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../shared/components/Spinner';

/** Enumerators work in their own offline app: a full page load of /enumerator/ (its own page and service worker). */
export function EnumeratorRedirect() {
  const { t } = useTranslation();
  useEffect(() => {
    window.location.assign('/enumerator/');
  }, []);
  return <Spinner label={t('enumerator.redirecting')} />;
}
