import { useTranslation } from 'react-i18next';
import type { CriterionDef } from '../../../shared/api/types';
import { SourceBadge } from '../../../shared/components/SourceBadge';
import { useFormat } from '../../../shared/format/useFormat';
import { sourceTotals } from './criteriaTree';

/** Maximum points per source (content / leadership survey / SIPAS) and in all. */
export function SourceTotals({ criteria }: { criteria: readonly CriterionDef[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const totals = sourceTotals(criteria);
  return (
    <div className="stat-grid">
      {totals.bySource.map((s) => (
        <div key={s.source} className="stat card">
          <SourceBadge source={s.source} />
          <div className="stat__value">{format.number(s.points)}</div>
          <div className="stat__label">{t('criteria.leafCount', { count: s.leaves })}</div>
        </div>
      ))}
      <div className="stat card">
        <strong>{t('criteria.total')}</strong>
        <div className="stat__value">{format.number(totals.points)}</div>
        <div className="stat__label">{t('criteria.leafCount', { count: totals.leaves })}</div>
      </div>
    </div>
  );
}
