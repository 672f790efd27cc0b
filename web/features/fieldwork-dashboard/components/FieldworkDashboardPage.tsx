import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FieldworkDashboard } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { Button, ButtonLink } from '../../../shared/components/Button';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { FieldworkTabs } from '../../../shared/components/FieldworkTabs';
import { Spinner } from '../../../shared/components/Spinner';
import { useFormat } from '../../../shared/format/useFormat';
import type { OpenOutboxState } from '../../../shared/navigationState';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { DASHBOARD_REFRESH_MS, useFieldworkDashboard } from '../api/useFieldworkDashboard';
import { EnumeratorProgressTable, UnitProgressTable } from './ProgressTables';
import { QuotaChart } from './QuotaChart';

/** /campaigns/:campaignId/fieldwork/dashboard — fieldwork progress per unit and per enumerator, refreshed every 30 s. */
export function FieldworkDashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const dashboard = useFieldworkDashboard(campaignId);
  const role = useCurrentUser().data?.role;
  const canUpload = role === 'supervisor' || role === 'admin';
  const openOutbox: OpenOutboxState = { openOutbox: true };

  return (
    <div className="stack">
      <CampaignPageHeader
        campaignId={campaignId}
        campaign={campaign}
        title={t('fieldworkDashboard.title')}
        actions={
          canUpload && (
            <ButtonLink to={`/campaigns/${campaignId}/review`} state={openOutbox}>
              {t('outbox.open')}
            </ButtonLink>
          )
        }
      />
      <FieldworkTabs campaignId={campaignId} />
      <div className="actions">
        <span className="muted small" aria-live="polite">
          {dashboard.dataUpdatedAt > 0 &&
            t('fieldworkDashboard.updatedAt', { at: format.dateTime(new Date(dashboard.dataUpdatedAt).toISOString()), seconds: DASHBOARD_REFRESH_MS / 1000 })}
        </span>
        <Button small variant="ghost" busy={dashboard.isFetching} onClick={() => void dashboard.refetch()}>
          {t('fieldworkDashboard.refresh')}
        </Button>
      </div>
      {dashboard.error && <ErrorNotice error={dashboard.error} />}
      {dashboard.data ? <DashboardBody data={dashboard.data} now={dashboard.dataUpdatedAt} /> : !dashboard.error && <Spinner />}
    </div>
  );
}

function DashboardBody({ data, now }: { data: FieldworkDashboard; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sum = (key: 'target' | 'collected' | 'accepted' | 'flagged' | 'pending' | 'rejected' | 'returned') =>
    data.units.reduce((total, u) => total + (u[key] ?? 0), 0);
  const target = sum('target');
  const collected = sum('collected');
  const stats = [
    { key: 'target', value: format.integer(target) },
    { key: 'collected', value: format.integer(collected), extra: target > 0 ? format.percent((100 * collected) / target) : null },
    { key: 'accepted', value: format.integer(sum('accepted')) },
    { key: 'flagged', value: format.integer(sum('flagged')) },
    { key: 'pending', value: format.integer(sum('pending')) },
    { key: 'rejected', value: format.integer(sum('rejected')) },
    { key: 'returned', value: format.integer(sum('returned')) },
  ];

  return (
    <>
      <div className="stat-grid">
        {stats.map((s) => (
          <div key={s.key} className="card stat">
            <span className="stat__label">{t(`fieldworkDashboard.fields.${s.key}`)}</span>
            <span className="stat__value">{s.value}</span>
            {s.extra && <span className="muted small">{t('fieldworkDashboard.ofTarget', { percent: s.extra })}</span>}
          </div>
        ))}
      </div>
      <section className="card stack" aria-labelledby="dash-chart">
        <h2 id="dash-chart">{t('fieldworkDashboard.chartTitle')}</h2>
        {data.units.length > 0 ? <QuotaChart units={data.units} levels={data.levels} /> : <p className="muted">{t('fieldworkDashboard.noUnits')}</p>}
      </section>
      <section className="stack" aria-labelledby="dash-units">
        <h2 id="dash-units">{t('fieldworkDashboard.unitsTitle')}</h2>
        <UnitProgressTable units={data.units} levels={data.levels} now={now} />
      </section>
      <section className="stack" aria-labelledby="dash-enumerators">
        <h2 id="dash-enumerators">{t('fieldworkDashboard.enumeratorsTitle')}</h2>
        <EnumeratorProgressTable enumerators={data.enumerators} now={now} />
      </section>
    </>
  );
}
