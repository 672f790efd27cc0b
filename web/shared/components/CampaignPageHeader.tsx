import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../api/types';
import { PageHeader } from './PageHeader';

interface CampaignPageHeaderProps {
  campaignId: string;
  /** undefined while it loads */
  campaign: Pick<Campaign, 'name' | 'year'> | undefined;
  title: ReactNode;
  actions?: ReactNode;
}

/** The header of a campaign's screen: a link back to the campaign, the title, the campaign's name and year. */
export function CampaignPageHeader({ campaignId, campaign, title, actions }: CampaignPageHeaderProps) {
  const { t } = useTranslation();
  return (
    <PageHeader
      back={{ to: `/campaigns/${campaignId}`, label: campaign?.name ?? t('campaigns.listTitle') }}
      title={title}
      subtitle={campaign ? `${campaign.name} · ${campaign.year}` : undefined}
      actions={actions}
    />
  );
}
