import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportLostItem, UnitReport } from '../../../shared/api/types';
import { Checkbox } from '../../../shared/components/Field';
import { SourceBadge } from '../../../shared/components/SourceBadge';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';

/** The criteria where points were lost: how much, why (the note) and who is responsible; survey items on request. */
export function LostPointsList({ report }: { report: UnitReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [withSurvey, setWithSurvey] = useState(false);
  const survey = report.lost.filter((l) => l.source === 'leadership_survey' || l.source === 'sipas').length;
  const rows = withSurvey ? report.lost : report.lost.filter((l) => l.source === 'content' || l.source === null);

  const columns: Column<ReportLostItem>[] = [
    {
      key: 'criterion',
      header: t('reports.fields.criterion'),
      primary: true,
      render: (l) => (
        <>
          <span className="code">{l.code}</span> {l.name} <SourceBadge source={l.source} />
        </>
      ),
    },
    { key: 'score', header: t('reports.fields.scoreOfMax'), align: 'end', render: (l) => `${format.score(l.appraised)} / ${format.score(l.max)}` },
    { key: 'lost', header: t('reports.fields.lost'), align: 'end', render: (l) => <strong>{format.score(l.lost)}</strong> },
    { key: 'note', header: t('reports.fields.reason'), wide: true, render: (l) => (l.note ? <span className="note">{l.note}</span> : <span className="muted">—</span>) },
    { key: 'agencies', header: t('reports.fields.agencies'), render: (l) => l.agencies.join('; ') || '—' },
  ];

  return (
    <div className="stack stack--tight" data-testid="report-lost">
      {survey > 0 && <Checkbox label={t('reports.lost.withSurvey', { count: survey })} checked={withSurvey} onChange={(e) => setWithSurvey(e.target.checked)} />}
      <Table columns={columns} rows={rows} rowKey={(l) => l.code} empty={t('reports.lost.none')} compact />
    </div>
  );
}
