import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { Spinner } from '../../../shared/components/Spinner';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { ChangePasswordForm } from './ChangePasswordForm';

/** /account — who is signed in, and a change of their own password (any role; the top bar's account link). */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser().data;
  // a new form after each change, so the typed passwords do not stay in the fields
  const [changes, setChanges] = useState(0);
  if (!user) return <Spinner />;
  return (
    <div className="stack">
      <PageHeader title={t('auth.account.title')} subtitle={`${user.displayName} (${user.username}) · ${t(`roles.${user.role}`)}`} />
      <section className="card stack" aria-labelledby="account-password">
        <h2 id="account-password">{t('auth.account.changePassword')}</h2>
        <p className="muted small">{t('auth.account.changePasswordHint')}</p>
        {changes > 0 && (
          <Notice tone="success" title={t('auth.account.changed')}>
            {t('auth.account.changedBody')}
          </Notice>
        )}
        <ChangePasswordForm key={changes} username={user.username} onChanged={() => setChanges((n) => n + 1)} />
      </section>
    </div>
  );
}
