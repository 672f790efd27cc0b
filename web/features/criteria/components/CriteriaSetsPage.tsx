import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetSummary } from '../../../shared/api/types';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { Badge } from '../../../shared/components/Badge';
import { ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';

/** /criteria — the criteria sets (bộ tiêu chí): families of versions, the unit kind each is for, whether a campaign uses it. */
export function CriteriaSetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sets = useCriteriaSets();
  const canEdit = useCanEdit();

  const columns: Column<CriteriaSetSummary>[] = [
    { key: 'name', header: t('criteria.fields.name'), primary: true, render: (s) => <Link to={`/criteria/${encodeURIComponent(s.code)}`}>{s.name}</Link> },
    { key: 'code', header: t('criteria.fields.code'), render: (s) => <span className="code">{s.code}</span> },
    { key: 'version', header: t('criteriaSets.fields.version'), render: (s) => (s.family ? `${s.family} · v${s.version ?? 1}` : '—') },
    { key: 'kind', header: t('criteriaSets.fields.unitKind'), render: (s) => (s.unitKind ? t(`criteriaSets.kinds.${s.unitKind}`) : t('criteriaSets.kinds.any')) },
    { key: 'year', header: t('criteria.fields.year'), render: (s) => s.year },
    { key: 'max', header: t('criteria.fields.maxPoints'), align: 'end', render: (s) => format.number(s.maxPoints) },
    { key: 'leaves', header: t('criteria.fields.leafCount'), align: 'end', render: (s) => format.integer(s.leafCount) },
    {
      key: 'used',
      header: t('criteriaSets.fields.status'),
      render: (s) =>
        (s.usedBy?.length ?? 0) > 0 ? (
          <Badge tone="info" title={s.usedBy?.map((c) => c.name).join(', ')}>{t('criteriaSets.locked', { count: s.usedBy?.length ?? 0 })}</Badge>
        ) : (
          <Badge>{t('criteriaSets.unused')}</Badge>
        ),
    },
  ];

  return (
    <div className="stack">
      <PageHeader
        title={t('criteria.title')}
        actions={
          <>
            <ButtonLink to="/criteria/compare">{t('criteriaSets.compare.title')}</ButtonLink>
            {canEdit && (
              <ButtonLink to="/criteria/import" variant="primary">
                {t('criteriaSets.import.title')}
              </ButtonLink>
            )}
          </>
        }
      />
      <QueryState query={sets}>
        {(list) => (
          <Table columns={columns} rows={[...list].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code))} rowKey={(s) => s.code} empty={t('criteria.empty')} />
        )}
      </QueryState>
    </div>
  );
}
