import { useTranslation } from 'react-i18next';
import { Notice } from '../../../shared/components/Notice';

/** Placeholder until the enumerator (SIPAS fieldwork) app is built. */
export function EnumeratorHome() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t('enumerator.title')}</h1>
      <Notice tone="info">{t('enumerator.placeholder')}</Notice>
    </div>
  );
}
