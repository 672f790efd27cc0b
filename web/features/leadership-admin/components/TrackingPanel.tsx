import { useTranslation } from 'react-i18next';
import type { LeadershipTracking, ResponseRate } from '../../../shared/api/types';
import { QueryState } from '../../../shared/components/QueryState';
import { RateBarChart } from '../../../shared/components/RateBarChart';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useTracking } from '../api/useTracking';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';

/** rate (0–1) as a percent number, or null */
const percentOf = (rate: number | null) => (rate == null ? null : rate * 100);

/** Response rates overall, by respondent group and by unit: numbers, tables and bar charts. */
export function TrackingPanel({ campaignId }: { campaignId: string }) {
  const tracking = useTracking(campaignId);
  return <QueryState query={tracking}>{(data) => <TrackingView tracking={data} />}</QueryState>;
}

function TrackingView({ tracking }: { tracking: LeadershipTracking }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const { overall } = tracking;

  const rateColumns = <T extends ResponseRate>(): Column<T>[] => [
    { key: 'invited', header: t('leadership.tracking.invited'), align: 'end', render: (r) => <span className="num">{format.integer(r.invited)}</span> },
    { key: 'sent', header: t('leadership.tracking.sent'), align: 'end', render: (r) => <span className="num">{format.integer(r.sent)}</span> },
    { key: 'failed', header: t('leadership.tracking.failed'), align: 'end', render: (r) => <span className={r.failed > 0 ? 'num count--bad' : 'num'}>{format.integer(r.failed)}</span> },
    { key: 'responded', header: t('leadership.tracking.responded'), align: 'end', render: (r) => <span className="num">{format.integer(r.responded)}</span> },
    {
      key: 'rate',
      header: t('leadership.tracking.rate'),
      align: 'end',
      render: (r) => (
        <span className="rate-cell">
          <span className="meter" aria-hidden="true">
            <span className="meter__bar" style={{ width: `${Math.min(100, percentOf(r.rate) ?? 0)}%` }} />
          </span>
          <span className="num">{format.percent(percentOf(r.rate))}</span>
        </span>
      ),
    },
  ];
  type GroupRow = LeadershipTracking['byGroup'][number];
  type UnitRow = LeadershipTracking['byUnit'][number];
  const groupColumns: Column<GroupRow>[] = [{ key: 'group', header: t('leadership.fields.group'), primary: true, render: (r) => groupLabel(r.group) }, ...rateColumns<GroupRow>()];
  const unitName = (r: UnitRow) => r.unitName ?? t('leadership.tracking.noUnit');
  const unitColumns: Column<UnitRow>[] = [{ key: 'unit', header: t('leadership.fields.unit'), primary: true, render: unitName }, ...rateColumns<UnitRow>()];

  return (
    <div className="stack">
      <div className="stat-grid stat-grid--5">
        <Stat label={t('leadership.tracking.invited')} value={format.integer(overall.invited)} />
        <Stat label={t('leadership.tracking.sent')} value={format.integer(overall.sent)} />
        <Stat label={t('leadership.tracking.failed')} value={format.integer(overall.failed)} />
        <Stat label={t('leadership.tracking.responded')} value={format.integer(overall.responded)} />
        <Stat label={t('leadership.tracking.rate')} value={format.percent(percentOf(overall.rate))} testId="response-rate" />
      </div>
      <p className="muted small">{t('leadership.tracking.rateHint')}</p>

      <section className="stack stack--tight" aria-labelledby="tracking-groups">
        <h3 id="tracking-groups">{t('leadership.tracking.byGroup')}</h3>
        <Table columns={groupColumns} rows={tracking.byGroup} rowKey={(r) => r.group} compact empty={t('leadership.tracking.empty')} />
        {tracking.byGroup.length > 0 && (
          <RateBarChart
            valueLabel={t('leadership.tracking.rate')}
            label={t('leadership.tracking.chartGroups')}
            bars={tracking.byGroup.map((r) => ({ name: groupLabel(r.group), rate: percentOf(r.rate) }))}
          />
        )}
      </section>

      <section className="stack stack--tight" aria-labelledby="tracking-units">
        <h3 id="tracking-units">{t('leadership.tracking.byUnit')}</h3>
        <Table columns={unitColumns} rows={tracking.byUnit} rowKey={(r) => r.unitId ?? 'none'} compact empty={t('leadership.tracking.empty')} />
        {tracking.byUnit.length > 0 && (
          <RateBarChart
            valueLabel={t('leadership.tracking.rate')}
            label={t('leadership.tracking.chartUnits')}
            bars={[...tracking.byUnit]
              .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1))
              .map((r) => ({ name: unitName(r), rate: percentOf(r.rate) }))}
          />
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat card">
      <span className="stat__value" data-testid={testId}>
        {value}
      </span>
      <span className="stat__label">{label}</span>
    </div>
  );
}
