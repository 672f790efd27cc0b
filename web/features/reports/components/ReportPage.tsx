import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { provinceReportUrl, useReport } from '../api/useReport';
import { AgencyDialog } from './AgencyDialog';
import { FieldPercentChart } from './FieldPercentChart';
import { LostPointsList } from './LostPointsList';
import { ReportDownloads } from './ReportDownloads';
import { ReportSummary } from './ReportSummary';
import { ReportTable } from './ReportTable';

/** /campaigns/:campaignId/units/:unitId/report — the yearly analysis report of a unit, with its exports. */
export function ReportPage() {
  const { t } = useTranslation();
  const { campaignId = '', unitId = '' } = useParams();
  const report = useReport(campaignId, unitId);
  const canEdit = useCanEdit();
  const [editingAgencies, setEditingAgencies] = useState(false);
  const base = `/campaigns/${campaignId}`;

  return (
    <QueryState query={report}>
      {(r) => (
        <div className="stack">
          <PageHeader
            back={{ to: `${base}/units/${unitId}/scores`, label: t('reports.backToScores') }}
            title={t('reports.title', { unit: r.unit.name })}
            subtitle={`${r.campaign.name} · ${r.campaign.year}${r.campaign.previous ? ` · ${t('reports.comparedWith', { year: r.campaign.previous.year })}` : ''}`}
            actions={
              <>
                <ButtonLink to={`${base}/ranking`}>{t('campaigns.ranking')}</ButtonLink>
                <a className="btn btn--secondary" href={provinceReportUrl(campaignId)} target="_blank" rel="noopener">
                  {t('reports.provinceReport')}
                </a>
              </>
            }
          />
          <ReportDownloads campaignId={campaignId} unitId={unitId} />
          <ReportSummary report={r} />
          <section className="card stack stack--tight" aria-labelledby="report-chart">
            <h2 id="report-chart">{t('reports.chartTitle')}</h2>
            <FieldPercentChart report={r} />
          </section>
          <section className="stack stack--tight" aria-labelledby="report-table">
            <div className="section-head">
              <h2 id="report-table">{t('reports.tableTitle')}</h2>
              {canEdit && r.agencyMap.editable && (
                <Button small onClick={() => setEditingAgencies(true)}>
                  {t('reports.agencies.edit')}
                </Button>
              )}
            </div>
            <p className="muted small">
              {r.agencyMap.custom ? t('reports.agencies.custom') : r.agencyMap.source ? t('reports.agencies.default') : t('reports.agencies.none')}
            </p>
            <ReportTable report={r} />
          </section>
          <section className="stack stack--tight" aria-labelledby="report-lost">
            <h2 id="report-lost">{t('reports.lost.title', { count: r.lost.length })}</h2>
            <LostPointsList report={r} />
          </section>
          {editingAgencies && <AgencyDialog campaignId={campaignId} unitId={unitId} onClose={() => setEditingAgencies(false)} />}
        </div>
      )}
    </QueryState>
  );
}
