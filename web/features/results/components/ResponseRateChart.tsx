import { useTranslation } from 'react-i18next';
import type { ResultTrends } from '../../../shared/api/types';
import { QueryState } from '../../../shared/components/QueryState';
import { RateBarChart } from '../../../shared/components/RateBarChart';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';
import { useResultTrends } from '../api/useResultTrends';

/** a rate (0–1) as a percent number, or null */
const percentOf = (rate: number | null) => (rate === null ? null : 100 * rate);

/** Section "Tỷ lệ phản hồi": SIPAS per unit against the fieldwork targets, leadership per respondent group. */
export function ResponseRateSection({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const trends = useResultTrends(campaignId);
  return (
    <section className="card stack" aria-labelledby="results-rates">
      <h2 id="results-rates">{t('results.rates.title')}</h2>
      <QueryState query={trends}>{(data) => <ResponseRates rates={data.responseRates} />}</QueryState>
    </section>
  );
}

function ResponseRates({ rates }: { rates: ResultTrends['responseRates'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const rate = (r: number | null) => format.percent(percentOf(r));
  const { sipas, leadership } = rates;
  const hasSipas = sipas.units.some((u) => u.target !== null || u.received > 0);
  return (
    <>
      <h3>{t('results.rates.sipas')}</h3>
      {hasSipas ? (
        <>
          <p data-testid="rates-sipas-overall">
            {t('results.rates.sipasOverall', { rate: rate(sipas.overall.rate), accepted: format.integer(sipas.overall.accepted), target: format.integer(sipas.overall.target) })}
          </p>
          <RateBarChart
            label={t('results.rates.sipasChart')}
            valueLabel={t('results.rates.rate')}
            decimals={1}
            bars={sipas.units.map((u) => ({ name: u.name, rate: percentOf(u.rate) }))}
          />
          <Table
            compact
            caption={<span className="visually-hidden">{t('results.rates.sipasChart')}</span>}
            rows={sipas.units}
            rowKey={(u) => u.unitId}
            columns={[
              { key: 'unit', header: t('results.sipas.unit'), primary: true, render: (u) => u.name },
              { key: 'accepted', header: t('results.rates.accepted'), align: 'end', render: (u) => format.integer(u.accepted) },
              { key: 'received', header: t('results.rates.received'), align: 'end', render: (u) => format.integer(u.received) },
              { key: 'target', header: t('results.rates.target'), align: 'end', render: (u) => format.integer(u.target) },
              { key: 'rate', header: t('results.rates.rate'), align: 'end', render: (u) => rate(u.rate) },
            ]}
          />
        </>
      ) : (
        <p className="muted">{t('results.rates.noSipas')}</p>
      )}
      <h3>{t('results.rates.leadership')}</h3>
      {leadership.groups.length > 0 ? (
        <>
          <p data-testid="rates-leadership-overall">
            {t('results.rates.leadershipOverall', { rate: rate(leadership.overall.rate), answered: format.integer(leadership.overall.answered), invited: format.integer(leadership.overall.invited) })}
          </p>
          <RateBarChart
            label={t('results.rates.leadershipChart')}
            valueLabel={t('results.rates.rate')}
            decimals={1}
            bars={leadership.groups.map((g) => ({ name: groupLabel(g.group), rate: percentOf(g.rate) }))}
          />
          <Table
            compact
            caption={<span className="visually-hidden">{t('results.rates.leadershipChart')}</span>}
            rows={leadership.groups}
            rowKey={(g) => g.group}
            columns={[
              { key: 'group', header: t('results.rates.group'), primary: true, render: (g) => groupLabel(g.group) },
              { key: 'invited', header: t('results.rates.invited'), align: 'end', render: (g) => format.integer(g.invited) },
              { key: 'failed', header: t('results.rates.failed'), align: 'end', render: (g) => format.integer(g.failed) },
              { key: 'answered', header: t('results.rates.answered'), align: 'end', render: (g) => format.integer(g.answered) },
              { key: 'rate', header: t('results.rates.rate'), align: 'end', render: (g) => rate(g.rate) },
            ]}
          />
        </>
      ) : (
        <p className="muted">{t('results.rates.noLeadership')}</p>
      )}
    </>
  );
}
