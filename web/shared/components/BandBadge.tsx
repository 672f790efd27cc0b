import type { BandSet } from '../api/contract';
import { useFormat } from '../format/useFormat';

/** Colour of the band at `position` (0 = best) among `count` bands: green for the best, red for the worst. */
export function bandColour(position: number, count: number): string {
  const hue = count <= 1 ? 140 : Math.round(140 - (140 * position) / (count - 1));
  return `hsl(${hue} 60% 38%)`;
}

/** A band (xếp loại) as a coloured badge; the colour follows the band's place in its band set. */
export function BandBadge({ code, label, bandSet }: { code: string; label?: { vi: string; en: string }; bandSet?: BandSet | undefined }) {
  const format = useFormat();
  const bands = bandSet?.bands ?? [];
  const position = bands.findIndex((b) => b.code === code);
  const found = position >= 0 ? bands[position] : undefined;
  const text = label ? format.text(label) : found ? format.text(found.label) : code;
  const style = position >= 0 ? { background: bandColour(position, bands.length), color: '#fff', borderColor: 'transparent' } : undefined;
  return (
    <span className="badge badge--band" style={style}>
      {text}
    </span>
  );
}
