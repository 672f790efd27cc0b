import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetSummary } from '../../../shared/api/contract';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';

/** /criteria — the versioned criteria sets (bộ tiêu chí). */
export function CriteriaSetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sets = useCriteriaSets();

  const columns: Column<CriteriaSetSummary>[] = [
    { key: 'name', header: t('criteria.fields.name'), primary: true, render: (s) => <Link to={`/criteria/${encodeURIComponent(s.code)}`}>{s.name}</Link> },
    { key: 'code', header: t('criteria.fields.code'), render: (s) => <span className="code">{s.code}</span> },
    { key: 'year', header: t('criteria.fields.year'), render: (s) => s.year },
    { key: 'max', header: t('criteria.fields.maxPoints'), align: 'end', render: (s) => format.number(s.maxPoints) },
    { key: 'leaves', header: t('criteria.fields.leafCount'), align: 'end', render: (s) => format.integer(s.leafCount) },
  ];

  return (
    <div className="stack">
      <PageHeader title={t('criteria.title')} />
      <QueryState query={sets}>
        {(list) => <Table columns={columns} rows={[...list].sort((a, b) => b.year - a.year)} rowKey={(s) => s.code} empty={t('criteria.empty')} />}
      </QueryState>
    </div>
  );
}
