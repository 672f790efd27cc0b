import { useTranslation } from 'react-i18next';
import type { CsvRowError, EnumeratorCsvRow } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';

/** The rows read from the CSV: what will be created or updated. */
export function EnumeratorRowsTable({ rows, errors }: { rows: readonly EnumeratorCsvRow[]; errors: readonly CsvRowError[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const wrong = new Set(errors.map((e) => e.row));
  const columns: Column<EnumeratorCsvRow>[] = [
    { key: 'row', header: t('fieldworkSetup.accounts.row'), render: (r) => <span className="num">{format.integer(r.row)}</span> },
    {
      key: 'user',
      header: t('fieldworkSetup.accounts.username'),
      primary: true,
      render: (r) => (
        <span>
          <span className="code">{r.username}</span> {r.displayName}
        </span>
      ),
    },
    { key: 'phone', header: t('fieldworkSetup.accounts.phone'), render: (r) => r.phone || '—' },
    { key: 'units', header: t('fieldworkSetup.accounts.units'), render: (r) => (r.unitCodes.length ? <span className="code">{r.unitCodes.join('; ')}</span> : '—') },
    { key: 'supervisor', header: t('fieldworkSetup.accounts.supervisor'), render: (r) => r.supervisorUsername || '—' },
    {
      key: 'action',
      header: t('fieldworkSetup.accounts.action'),
      render: (r) =>
        wrong.has(r.row) ? (
          <Badge tone="danger">{t('fieldworkSetup.accounts.rowHasErrors')}</Badge>
        ) : r.exists ? (
          <Badge tone="info">{t('fieldworkSetup.accounts.willUpdate')}</Badge>
        ) : (
          <Badge tone="success">{t('fieldworkSetup.accounts.willCreate')}</Badge>
        ),
    },
  ];
  return (
    <Table
      caption={t('fieldworkSetup.accounts.rowsTitle', { count: rows.length, n: format.integer(rows.length) })}
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.row)}
      rowClassName={(r) => (wrong.has(r.row) ? 'row--error' : undefined)}
      compact
      empty={t('fieldworkSetup.accounts.noRows')}
    />
  );
}
