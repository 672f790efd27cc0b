import type { BandSet } from '../api/types';
import { bandBadgeColours, bandColour } from '../colour/bandColour';
import { useFormat } from '../format/useFormat';

/** A chart's fill for the band `code` of a band set: the band's own colour, or the primary colour for no or an unknown band. */
export function bandFill(bandSet: BandSet, code: string | null | undefined): string {
  const position = bandSet.bands.findIndex((b) => b.code === code);
  return position >= 0 ? bandColour(position, bandSet.bands.length) : 'var(--colour-primary)';
}

/** A band (xếp loại) as a coloured badge; the colour follows the band's place in its band set, the text reaches 4.5:1 on it. */
export function BandBadge({ code, label, bandSet }: { code: string; label?: { vi: string; en: string }; bandSet?: BandSet | undefined }) {
  const format = useFormat();
  const bands = bandSet?.bands ?? [];
  const position = bands.findIndex((b) => b.code === code);
  const found = position >= 0 ? bands[position] : undefined;
  const text = label ? format.text(label) : found ? format.text(found.label) : code;
  const style = position >= 0 ? { ...bandBadgeColours(position, bands.length), borderColor: 'transparent' } : undefined;
  return (
    <span className="badge badge--band" style={style}>
      {text}
    </span>
  );
}
