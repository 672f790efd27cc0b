import { useTranslation } from 'react-i18next';
import type { ReportChange } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

/** "▲ 2 · +1,25%" against the previous campaign (points instead of % with `points`); "—" without one. */
export function ChangeText({ change, points }: { change: ReportChange | null; points?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!change) return <span className="muted">—</span>;
  const places = Math.abs(change.rank ?? 0);
  const rank =
    change.rank === null ? null : change.rank > 0 ? (
      <span className="change change--up" title={t('reports.rankUp', { count: places })}>
        ▲ {places}
      </span>
    ) : change.rank < 0 ? (
      <span className="change change--down" title={t('reports.rankDown', { count: places })}>
        ▼ {places}
      </span>
    ) : (
      <span className="change" title={t('reports.rankSame')}>
        =
      </span>
    );
  const amount = points ? t('reports.points', { value: format.signed(change.score) }) : change.percent === null ? null : `${format.signed(change.percent)}%`;
  return (
    <span className="rank-change">
      {rank} {amount && <span className="small">{amount}</span>}
    </span>
  );
}
