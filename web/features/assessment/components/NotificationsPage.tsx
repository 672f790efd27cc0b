import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useMarkRead } from '../api/mutations';
import { useNotifications } from '../api/queries';

/** /notifications — what changed for me (phases, appraisal comments, approvals, deadlines). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useNotifications();
  const read = useMarkRead();
  return (
    <div className="stack">
      <PageHeader title={t('assessment.notifications.title')} />
      <QueryState query={list}>
        {({ notifications }) => notifications.length === 0 ? <p className="muted">{t('assessment.notifications.none')}</p> : (
          <ul className="plain-list">
            {notifications.map((n) => (
              <li key={n.id} className={n.readAt ? 'muted' : undefined}>
                <span className="small">{format.dateTime(n.at)}</span> · {format.text(n.message)}
                {n.campaignId && n.unitId && <> · <Link to={`/campaigns/${n.campaignId}/assessment/units/${n.unitId}`}>{t('assessment.notifications.open')}</Link></>}
                {!n.readAt && <> {' '}<Button small variant="ghost" onClick={() => read.mutate(n.id)}>{t('assessment.notifications.markRead')}</Button></>}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

