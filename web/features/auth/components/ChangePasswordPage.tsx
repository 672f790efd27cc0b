import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import type { User } from '../../../shared/api/types';
import { useLogout } from '../api/useLogout';
import { AuthCard } from './AuthCard';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * Shown instead of every page while the account must change its password (a generated one from an enumerator list,
 * or one an admin set): the server answers nothing else until it is changed (403 password_change_required).
 */
export function ChangePasswordPage({ user, languageSwitch }: { user: User; languageSwitch?: ReactNode }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <AuthCard title={t('auth.change.title')} languageSwitch={languageSwitch}>
      <Notice tone="info" title={t('auth.change.requiredTitle', { name: user.displayName, username: user.username })}>
        {t('auth.change.requiredBody')}
      </Notice>
      <ChangePasswordForm username={user.username} />
      <Button variant="ghost" busy={logout.isPending} onClick={() => logout.mutate()}>
        {t('auth.change.signOut')}
      </Button>
    </AuthCard>
  );
}
