import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../shared/components/Notice';
import { canEdit } from '../shared/session/roles';
import { useCurrentUser } from '../shared/session/useCurrentUser';
import { Navigate } from 'react-router';
import { EnumeratorRedirect } from './EnumeratorRedirect';

/** Office screens: enumerators go to their own app. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <EnumeratorRedirect />;
  // unit officers and appraisers work on the self-assessment only
  if (user?.role === 'unit_officer' || user?.role === 'appraiser') return <Navigate to="/assessment" replace />;
  return <>{children}</>;
}

/** Screens that change data: admins and analysts only. */
export function EditorsOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <EnumeratorRedirect />;
  if (!canEdit(user)) return <Notice tone="warning" title={t('errors.forbidden')} />;
  return <>{children}</>;
}
