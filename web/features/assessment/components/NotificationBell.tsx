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
      🔔{unread > 0 && <span className="badge badge--danger">{unread}</span>}
    </Link>
  );
}
