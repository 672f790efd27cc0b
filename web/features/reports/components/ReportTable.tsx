import { useTranslation } from 'react-i18next';
import type { ReportRow, UnitReport } from '../../../shared/api/types';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { ChangeText } from './ChangeText';

/** Fields and criteria: max, self-assessed, appraised, %, rank, change, points lost, agencies; the total last. */
export function ReportTable({ report }: { report: UnitReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const totalRow: ReportRow = {
    code: '', name: t('reports.totalRow'), level: -1, source: null, lostPoints: Math.max(0, report.total.max - report.total.appraised), note: null,
    lostCount: report.lost.length, agencies: [], ...report.total,
  };
  const strong = (r: ReportRow, text: string) => (r.level <= 0 ? <strong>{text}</strong> : text);

  const columns: Column<ReportRow>[] = [
    {
      key: 'name',
      header: t('reports.fields.criterion'),
      primary: true,
      render: (r) => (
        <span style={r.level === 1 ? { paddingInlineStart: '1rem', display: 'inline-block' } : undefined}>
          {r.code && <span className="code">{r.code}</span>} {strong(r, r.name)}
        </span>
      ),
    },
    { key: 'max', header: t('scores.fields.max'), align: 'end', render: (r) => format.score(r.max) },
    { key: 'self', header: t('scores.fields.self'), align: 'end', render: (r) => format.tableScore(r.self) },
    { key: 'appraised', header: t('scores.fields.appraised'), align: 'end', render: (r) => strong(r, format.tableScore(r.appraised)) },
    { key: 'percent', header: t('scores.fields.percent'), align: 'end', render: (r) => format.percent(r.percent) },
    { key: 'rank', header: t('reports.fields.rank'), align: 'end', render: (r) => (r.rank ? `${r.rank.rank}/${r.rank.of}` : '—') },
    ...(report.campaign.previous
      ? [{ key: 'change', header: t('reports.changeSince', { year: report.campaign.previous.year }), render: (r: ReportRow) => <ChangeText change={r.change} /> }]
      : []),
    {
      key: 'lost',
      header: t('reports.fields.lost'),
      align: 'end',
      render: (r) => (r.lostPoints > 0 ? `${format.score(r.lostPoints)}${r.lostCount ? ` (${r.lostCount})` : ''}` : '—'),
    },
    { key: 'agencies', header: t('reports.fields.agencies'), render: (r) => r.agencies.join('; ') || '—' },
  ];

  return <Table columns={columns} rows={[...report.rows, totalRow]} rowKey={(r) => r.code || 'total'} compact />;
}
