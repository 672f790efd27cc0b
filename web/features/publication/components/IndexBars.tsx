import type { BandSet } from '../../../shared/api/types';
import { bandFill } from '../../../shared/components/BandBadge';
import { useFormat } from '../../../shared/format/useFormat';

const ROW = 26;
const LABEL = 38; // % of the width for the names

/** Horizontal SVG bars of a group's indices (0–100), coloured by band, with the group average as a dashed line. */
export function IndexBars({ units, bandSet, average, title }: {
  units: readonly { unitId: string; name: string; index: number; band: { code: string } | null }[];
  bandSet: BandSet;
  average: number;
  title: string;
}) {
  const format = useFormat();
  const colour = (band: string | undefined) => bandFill(bandSet, band);
  const height = units.length * ROW + 8;
  const x = (index: number) => LABEL + ((100 - LABEL - 12) * Math.max(0, Math.min(100, index))) / 100;
  return (
    <figure className="public-chart">
      <svg role="img" aria-label={title} viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height}>
        {units.map((u, i) => (
          <rect key={u.unitId} x={`${LABEL}%`} y={i * ROW + 4} width={`${x(u.index) - LABEL}%`} height={ROW - 8} fill={colour(u.band?.code)} rx="0.5" />
        ))}
        <line x1={`${x(average)}%`} x2={`${x(average)}%`} y1="0" y2={height} stroke="#333" strokeDasharray="4 3" strokeWidth="1" vectorEffect="non-scaling-stroke" />
      </svg>
      {/* text outside the stretched SVG so it keeps its shape at any width */}
      <ol className="public-chart__labels" aria-hidden="true" style={{ height }}>
        {units.map((u, i) => (
          <li key={u.unitId} style={{ top: i * ROW + 4, height: ROW - 8 }}>
            <span className="public-chart__name" style={{ width: `${LABEL - 1}%` }}>{u.name}</span>
            <span className="public-chart__value" style={{ left: `${x(u.index) + 1}%` }}>{format.number(u.index)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
