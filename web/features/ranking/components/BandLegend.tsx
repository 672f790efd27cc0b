import { useTranslation } from 'react-i18next';
import type { BandSet } from '../../../shared/api/types';
import { BandBadge } from '../../../shared/components/BandBadge';
import { useFormat } from '../../../shared/format/useFormat';

/** The band set's bands with their lower bounds: "A ≥ 90%". */
export function BandLegend({ bandSet }: { bandSet: BandSet }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bound = (min: number) => `${format.number(min, Number.isInteger(min) ? 0 : 2)}%`;
  return (
    <div className="band-legend" aria-label={t('ranking.bandsTitle')}>
      <span className="muted small">{format.text(bandSet.name)}:</span>
      {bandSet.bands.map((band, index) => (
        <span key={band.code} className="band-legend__item">
          <BandBadge code={band.code} bandSet={bandSet} /> <span className="small">{band.min > 0 || index === 0 ? `≥ ${bound(band.min)}` : `< ${bound(bandSet.bands[index - 1]?.min ?? 0)}`}</span>
        </span>
      ))}
    </div>
  );
}
