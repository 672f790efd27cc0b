import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../../../shared/api/types';
import { Notice } from '../../../shared/components/Notice';

/**
 * Why nothing can be sent: e-mail goes out only while the campaign is in fieldwork (the server refuses a draft's and a
 * closed campaign's, API.md "Sending"); a draft says what to do, with the way to the campaign's status.
 */
export function NotRunningNotice({ campaignId, status }: { campaignId: string; status: CampaignStatus }) {
  const { t } = useTranslation();
  if (status === 'fieldwork') return null;
  if (status === 'closed') return <Notice tone="info" title={t('leadership.send.closedTitle')}>{t('leadership.send.closedBody')}</Notice>;
  return (
    <Notice tone="warning" title={t('leadership.send.draftTitle')}>
      {t('leadership.send.draftBody')} <Link to={`/campaigns/${encodeURIComponent(campaignId)}`}>{t('leadership.send.draftLink')}</Link>
    </Notice>
  );
}
