import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';
import { Notice } from './Notice';

/** Shows a failed request's message in the current language. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Notice tone="error" title={title ?? t('errors.title')}>
      {errorMessage(error, t, i18n.language)}
    </Notice>
  );
}
