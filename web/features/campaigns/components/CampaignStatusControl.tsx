import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignStatus } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Select } from '../../../shared/components/Field';
import { useUpdateCampaign } from '../api/useUpdateCampaign';

/** Moves a campaign between draft, fieldwork and closed; closing is final (the server refuses to reopen). */
export function CampaignStatusControl({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const update = useUpdateCampaign(campaign.id);
  const [status, setStatus] = useState<CampaignStatus>(campaign.status);
  if (campaign.status === 'closed') return <p className="muted">{t('campaigns.closedIsFinal')}</p>;

  return (
    <div className="stack stack--tight">
      <label className="field__label" htmlFor="campaign-status">
        {t('campaigns.changeStatus')}
      </label>
      <div className="inline-form">
        <Select id="campaign-status" value={status} onChange={(event) => setStatus(event.target.value as CampaignStatus)}>
          {CAMPAIGN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`campaigns.status.${s}`)}
            </option>
          ))}
        </Select>
        <Button variant="primary" busy={update.isPending} disabled={status === campaign.status} onClick={() => update.mutate({ status })}>
          {t('common.save')}
        </Button>
      </div>
      {update.error && <ErrorNotice error={update.error} />}
    </div>
  );
}
