import { useTranslation } from 'react-i18next';
import type { CsvRowError, RespondentCsvRow } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';

/** The rows read from the CSV, before anything is stored. */
export function RespondentRowsTable({ rows, errors }: { rows: readonly RespondentCsvRow[]; errors: readonly CsvRowError[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const wrong = new Set(errors.map((e) => e.row));
  const columns: Column<RespondentCsvRow>[] = [
    { key: 'row', header: t('leadership.import.row'), render: (r) => <span className="num">{format.integer(r.row)}</span> },
    { key: 'name', header: t('leadership.fields.name'), primary: true, render: (r) => r.name || '—' },
    { key: 'email', header: t('leadership.fields.email'), render: (r) => r.email || '—' },
    { key: 'group', header: t('leadership.fields.group'), render: (r) => (r.group ? groupLabel(r.group) : '—') },
    { key: 'unit', header: t('leadership.fields.unitCode'), render: (r) => (r.unitCode ? <span className="code">{r.unitCode}</span> : '—') },
    {
      key: 'check',
      header: t('leadership.import.check'),
      render: (r) =>
        wrong.has(r.row) ? <Badge tone="danger">{t('leadership.import.rowHasErrors')}</Badge> : <Badge tone="success">{t('leadership.import.rowOk')}</Badge>,
    },
  ];
  return (
    <Table
      caption={t('leadership.import.rowsTitle', { count: rows.length })}
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.row)}
      rowClassName={(r) => (wrong.has(r.row) ? 'row--error' : undefined)}
      compact
      empty={t('leadership.import.noRows')}
    />
  );
}
