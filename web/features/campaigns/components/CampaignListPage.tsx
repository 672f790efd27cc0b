import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/api/types';
import { ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table, type Column } from '../../../shared/components/Table';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useCampaigns } from '../api/useCampaigns';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { useReferenceNames } from './useReferenceNames';

/** /campaigns — every assessment campaign (đợt đánh giá), newest year first. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const campaigns = useCampaigns();
  const names = useReferenceNames();

  const columns: Column<Campaign>[] = [
    { key: 'name', header: t('campaigns.fields.name'), primary: true, render: (c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link> },
    { key: 'year', header: t('campaigns.fields.year'), render: (c) => c.year },
    { key: 'criteria', header: t('campaigns.fields.criteriaSet'), render: (c) => names.criteriaSetName(c.criteriaSetCode) },
    { key: 'bands', header: t('campaigns.fields.bandSet'), render: (c) => names.bandSetName(c.bandSetCode) },
    { key: 'status', header: t('campaigns.fields.status'), render: (c) => <CampaignStatusBadge status={c.status} /> },
  ];

  return (
    <div className="stack">
      <PageHeader
        title={t('campaigns.listTitle')}
        actions={
          canEdit && (
            <ButtonLink to="/campaigns/new" variant="primary">
              {t('campaigns.create')}
            </ButtonLink>
          )
        }
      />
      <QueryState query={campaigns}>
        {(list) => (
          <Table
            columns={columns}
            rows={[...list].sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'vi'))}
            rowKey={(c) => c.id}
            empty={t('campaigns.empty')}
          />
        )}
      </QueryState>
    </div>
  );
}
