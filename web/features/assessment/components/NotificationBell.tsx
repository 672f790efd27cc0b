import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../api/queries';

/** The count of unread notifications, for the top bar. */
export function NotificationBell() {
  const { t } = useTranslation();
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <Link to="/notifications" className="nav__link" aria-label={t('assessment.notifications.bell', { count: unread })}>
      {/* a drawn bell, not the emoji: phones and kiosks without an emoji font showed an empty box */}
      <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 && <span className="badge badge--danger">{unread}</span>}
    </Link>
  );
}
