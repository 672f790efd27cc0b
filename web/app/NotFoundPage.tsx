import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../shared/components/Button';
import { Notice } from '../shared/components/Notice';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Notice tone="warning" title={t('errors.pageNotFound')} />
      <ButtonLink to="/">{t('common.home')}</ButtonLink>
    </div>
  );
}
