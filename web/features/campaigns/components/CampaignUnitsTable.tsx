import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { ButtonLink } from '../../../shared/components/Button';
import { Table, type Column } from '../../../shared/components/Table';
import { useGroupLabel } from '../../../shared/format/useGroupLabel';

/** The campaign's units with links to each one's score tree and (for editors) the table import. */
export function CampaignUnitsTable({ campaignId, units, canEdit }: { campaignId: string; units: readonly Unit[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const groupLabel = useGroupLabel();
  const base = `/campaigns/${campaignId}/units`;

  const columns: Column<Unit>[] = [
    {
      key: 'name',
      header: t('units.fields.name'),
      primary: true,
      render: (u) => (
        <Link to={`${base}/${u.id}/scores`}>
          <span className="code">{u.code}</span> {u.name}
        </Link>
      ),
    },
    { key: 'group', header: t('units.fields.group'), render: (u) => groupLabel(u.group) },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (u) => (
        <div className="actions actions--tight">
          <ButtonLink small to={`${base}/${u.id}/scores`}>
            {t('campaigns.scoreTree')}
          </ButtonLink>
          <ButtonLink small to={`${base}/${u.id}/report`}>
            {t('reports.open')}
          </ButtonLink>
          {canEdit && (
            <ButtonLink small to={`${base}/${u.id}/import`}>
              {t('campaigns.importTable')}
            </ButtonLink>
          )}
        </div>
      ),
    },
  ];

  return <Table columns={columns} rows={units} rowKey={(u) => u.id} empty={t('campaigns.noUnits')} />;
}
