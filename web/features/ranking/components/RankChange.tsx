import { useTranslation } from 'react-i18next';
import type { RankedUnit } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

/**
 * ▲ 2 / ▼ 1 / = against the previous campaign (no arrow when the unit changed group), with the score difference;
 * a unit compared through its lineage says with what ("so với năm 2024, gộp từ: A, B, C" / "đơn vị mới", issue 14).
 */
export function RankChange({ change, baseline }: { change: RankedUnit['change']; baseline?: RankedUnit['baseline'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const note = baseline?.note ? <span className="muted small lineage-note"> ({format.text(baseline.note)})</span> : null;
  if (!change) return note && baseline?.kind === 'new' ? <span className="muted">{format.text(baseline.note!)}</span> : <span className="muted">{t('ranking.noPrevious')}{note}</span>;
  const places = Math.abs(change.rank ?? 0);
  const rank =
    change.rank === null ? null : change.rank > 0 ? (
      <span className="change change--up" title={t('ranking.rankUp', { count: places })}>
        ▲ {places}
      </span>
    ) : change.rank < 0 ? (
      <span className="change change--down" title={t('ranking.rankDown', { count: places })}>
        ▼ {places}
      </span>
    ) : (
      <span className="change" title={t('ranking.rankSame')}>
        =
      </span>
    );
  return (
    <span className="rank-change">
      {rank} <span className="muted small">{t('ranking.scoreChange', { value: format.signed(change.score) })}</span>
      {note}
    </span>
  );
}
