import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFinding, Severity } from '../../../shared/api/types';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { SeverityBadge } from './SeverityBadge';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Counts by severity (which double as filters) and the findings, worst first, then by row; those that block saving are marked. */
export function FindingsTable({ findings }: { findings: readonly ImportFinding[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [shown, setShown] = useState<Severity | null>(null);

  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.row ?? Infinity) - (b.row ?? Infinity));
  const rows = shown ? sorted.filter((f) => f.severity === shown) : sorted;

  const columns: Column<ImportFinding>[] = [
    { key: 'severity', header: t('import.fields.severity'), primary: true, render: (f) => <SeverityBadge severity={f.severity} /> },
    { key: 'kind', header: t('import.fields.kind'), wide: true, render: (f) => (
      <>
        {t(`import.kind.${f.kind}`, { defaultValue: f.kind })}
        {f.blocking && <> <span className="badge badge--danger">{t('import.blocksSaving')}</span></>}
      </>
    ) },
    { key: 'code', header: t('import.fields.code'), render: (f) => <span className="code">{f.code === 'TOTAL' ? t('import.totalRow') : f.code || '—'}</span> },
    { key: 'row', header: t('import.fields.row'), align: 'end', render: (f) => f.row ?? '—' },
    { key: 'message', header: t('import.fields.message'), wide: true, render: (f) => format.text(f.message) },
  ];

  return (
    <section className="stack stack--tight">
      <h2>{t('import.findingsTitle')}</h2>
      <div className="filter-chips" role="group" aria-label={t('import.filterBySeverity')}>
        <button type="button" className="chip" aria-pressed={shown === null} onClick={() => setShown(null)}>
          {t('common.all')} <strong>{findings.length}</strong>
        </button>
        {SEVERITIES.map((severity) => (
          <button key={severity} type="button" className="chip" aria-pressed={shown === severity} onClick={() => setShown(shown === severity ? null : severity)}>
            <SeverityBadge severity={severity} count={findings.filter((f) => f.severity === severity).length} />
          </button>
        ))}
      </div>
      <Table
        compact
        columns={columns}
        rows={rows}
        rowKey={(f, index) => `${index}|${f.kind}|${f.code}`}
        rowClassName={(f) => `row--${f.severity}`}
        empty={findings.length === 0 ? t('import.noFindings') : t('import.noFindingsOfSeverity')}
      />
    </section>
  );
}
