import { useTranslation } from 'react-i18next';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import type { CriteriaProblem } from '../api/types';

/** Every problem of an imported criteria file with its row and column, in the UI language. */
export function ProblemsTable({ problems }: { problems: readonly CriteriaProblem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<CriteriaProblem>[] = [
    { key: 'row', header: t('criteriaSets.problems.row'), align: 'end', render: (p) => (p.row === null ? '—' : format.integer(p.row)) },
    { key: 'column', header: t('criteriaSets.problems.column'), render: (p) => (p.column ? <span className="code">{p.header ?? p.column}</span> : '—') },
    { key: 'code', header: t('criteria.fields.code'), render: (p) => (p.code ? <span className="code">{p.code}</span> : '—') },
    { key: 'message', header: t('criteriaSets.problems.message'), primary: true, wide: true, render: (p) => format.text(p.message) },
  ];
  return (
    <Table
      caption={t('criteriaSets.problems.title', { count: problems.length })}
      columns={columns}
      rows={problems}
      rowKey={(p, i) => `${p.row ?? 0}-${p.column ?? ''}-${i}`}
      compact
    />
  );
}
