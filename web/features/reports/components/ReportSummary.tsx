import { useTranslation } from 'react-i18next';
import type { UnitReport } from '../../../shared/api/types';
import { BandBadge } from '../../../shared/components/BandBadge';
import { useFormat } from '../../../shared/format/useFormat';
import { ChangeText } from './ChangeText';

/** The overall sentence, the figures (total, index, band, rank, change), the parts, and one sentence per field. */
export function ReportSummary({ report }: { report: UnitReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { total, summary } = report;
  return (
    <section className="card stack stack--tight" aria-labelledby="report-summary">
      <h2 id="report-summary">{t('reports.summaryTitle')}</h2>
      <p data-testid="report-overall">{format.text(summary.overall)}</p>
      <div className="stat-grid">
        <div className="stat card">
          <span className="stat__label">{t('scores.totalLabel')}</span>
          <span className="stat__value" data-testid="report-total">
            {format.score(total.appraised)} / {format.score(total.max)}
          </span>
        </div>
        <div className="stat card">
          <span className="stat__label">{t('scores.index')}</span>
          <span className="stat__value">{format.percent(total.percent)}</span>
          {report.band && <BandBadge code={report.band.code} label={report.band.label} />}
        </div>
        <div className="stat card">
          <span className="stat__label">{t('reports.fields.rank')}</span>
          <span className="stat__value">{total.rank ? `${total.rank.rank}/${total.rank.of}` : '—'}</span>
          <span className="stat__label">
            {total.rank ? t('reports.groupAverage', { value: format.percent(total.rank.groupAverage) }) : t('reports.noPeers')}
          </span>
        </div>
        <div className="stat card">
          <span className="stat__label">{report.campaign.previous ? t('reports.changeSince', { year: report.campaign.previous.year }) : t('reports.fields.change')}</span>
          <span className="stat__value">
            <ChangeText change={total.change} points />
          </span>
        </div>
      </div>
      {summary.parts.vi && <p>{format.text(summary.parts)}</p>}
      <ol className="plain-list stack stack--tight">
        {summary.fields.map((f) => (
          <li key={f.code}>
            <strong>{format.text(f.text)}</strong>
            {f.lost && <div className="muted small">{format.text(f.lost)}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
