import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { RateBarChart } from '../../../shared/components/RateBarChart';
import { useFormat } from '../../../shared/format/useFormat';
import { useProgress } from '../api/queries';
import type { Progress, ProgressCell } from '../api/types';

/** fields of every set in the campaign, once per code (departments and communes may share codes) */
const fieldCodes = (p: Progress) => [...new Map(p.fields.map((f) => [f.code, f])).values()];
/** the share over a unit's leaves, weighting each field by its leaf count */
const share = (cells: ProgressCell[], key: keyof Omit<ProgressCell, 'field' | 'leaves' | 'lowered'>) => {
  const counted = cells.filter((c) => c[key] != null && c.leaves > 0);
  const leaves = counted.reduce((a, c) => a + c.leaves, 0);
  return leaves ? counted.reduce((a, c) => a + (c[key] as number) * c.leaves, 0) / leaves : null;
};

/** /campaigns/:campaignId/assessment/progress — units × fields: self-assessed, evidence, appraised, responded (%), with a chart. */
export function ProgressPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '' } = useParams();
  const progress = useProgress(campaignId);
  const measures: { key: 'selfPct' | 'evidencePct' | 'appraisedPct' | 'respondedPct'; label: string }[] = [
    { key: 'selfPct', label: t('assessment.progress.self') },
    { key: 'evidencePct', label: t('assessment.progress.evidence') },
    { key: 'appraisedPct', label: t('assessment.progress.appraised') },
    { key: 'respondedPct', label: t('assessment.progress.responded') },
  ];
  return (
    <div className="stack">
      <PageHeader back={{ to: `/campaigns/${campaignId}/assessment`, label: t('assessment.title') }} title={t('assessment.progress.title')} />
      <QueryState query={progress}>
        {(data) => {
          const fields = fieldCodes(data);
          return (
            <>
              <RateBarChart
                label={t('assessment.progress.chart')}
                valueLabel={t('assessment.progress.appraised')}
                bars={data.units.map((u) => ({ name: u.name, rate: share(u.cells, 'appraisedPct') }))}
              />
              <RateBarChart
                label={t('assessment.progress.chartSelf')}
                valueLabel={t('assessment.progress.self')}
                bars={data.units.map((u) => ({ name: u.name, rate: share(u.cells, 'selfPct') }))}
              />
              <div className="table-wrap">
                <table className="table">
                  <caption className="muted small">{measures.map((m) => m.label).join(' / ')}</caption>
                  <thead>
                    <tr><th>{t('assessment.unit')}</th>{fields.map((f) => <th key={f.code} title={f.name}>{f.code}</th>)}</tr>
                  </thead>
                  <tbody>
                    {data.units.map((u) => (
                      <tr key={u.unitId}>
                        <th scope="row">{u.name}</th>
                        {fields.map((f) => {
                          const c = u.cells.find((x) => x.field === f.code);
                          return <td key={f.code} className="num small">{c ? measures.map((m) => format.number(c[m.key], 0)).join(' / ') : '—'}</td>;
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
