import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Notice } from '../shared/components/Notice';
import { canEdit } from '../shared/session/roles';
import { useCurrentUser } from '../shared/session/useCurrentUser';

/** Office screens: enumerators go back to their own home page. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** Screens that change data: admins and analysts only. */
export function EditorsOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <Navigate to="/" replace />;
  if (!canEdit(user)) return <Notice tone="warning" title={t('errors.forbidden')} />;
  return <>{children}</>;
}
