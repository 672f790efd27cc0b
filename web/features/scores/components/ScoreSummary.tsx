import { useTranslation } from 'react-i18next';
import { SOURCES, type BandRef, type BandSet, type ScoreTree } from '../../../shared/api/types';
import { BandBadge } from '../../../shared/components/BandBadge';
import { SourceBadge } from '../../../shared/components/SourceBadge';
import { useFormat } from '../../../shared/format/useFormat';

/** "Tổng điểm: 84,41 / 100" (totals to 2 decimals, as published), the index, the band, and the points by source. */
export function ScoreSummary({ tree, band, bandSet }: { tree: ScoreTree; band: BandRef | null; bandSet: BandSet | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="score-summary card" aria-label={t('scores.summary')}>
      <div className="score-summary__main">
        <div className="score-total" data-testid="score-total">
          {t('scores.totalLabel')}: <strong>{format.score(tree.total)}</strong> / {format.score(tree.max)}
        </div>
        <div className="score-summary__index">
          {t('scores.index')}: <strong>{format.percent(tree.percent)}</strong>
          {band && (
            <>
              {' · '}
              {t('scores.band')}: <BandBadge code={band.code} label={band.label} bandSet={bandSet} />
            </>
          )}
        </div>
      </div>
      <div className="parts">
        {SOURCES.filter((source) => tree.parts[source].max > 0).map((source) => {
          const part = tree.parts[source];
          const share = part.max > 0 ? Math.max(0, Math.min(100, (100 * part.score) / part.max)) : 0;
          return (
            <div key={source} className="part">
              <SourceBadge source={source} />
              <div className="part__value">
                <strong>{format.score(part.score)}</strong> / {format.score(part.max)}
              </div>
              <div className="meter" role="img" aria-label={format.percent(share)}>
                <div className="meter__bar" style={{ width: `${share}%` }} />
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
