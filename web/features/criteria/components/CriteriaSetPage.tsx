import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCriteriaSet } from '../../../shared/api/useCriteriaSet';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { CriteriaTreeTable } from './CriteriaTreeTable';
import { SourceTotals } from './SourceTotals';

/** /criteria/:code — one criteria set's tree and its points per source. */
export function CriteriaSetPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const set = useCriteriaSet(code);

  return (
    <QueryState query={set}>
      {(s) => (
        <div className="stack">
          <PageHeader back={{ to: '/criteria', label: t('criteria.title') }} title={s.name} subtitle={`${s.code} · ${t('criteria.fields.year')} ${s.year}`} />
          <SourceTotals criteria={s.criteria} />
          <CriteriaTreeTable criteria={s.criteria} />
        </div>
      )}
    </QueryState>
  );
}
