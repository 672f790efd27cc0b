// Bands (xếp loại) are configuration (PAR-INDEX.md §5): national A ≥ 90, B 80–<90, C 70–<80, D below;
// Hà Nam Xuất sắc ≥ 95, Tốt 85–<95, Khá 75–<85, Trung bình 70–<75, Yếu < 70.
import type { Band, BandSet } from './types';
import { roundTo } from './numbers';

/**
 * The band of an index. Compared on the index rounded to 2 decimals — what people see: 89.996 shows as 90.00
 * and is band A. Bands are tried highest `min` first; below every band → the lowest band.
 */
export function bandFor(percent: number, bandSet: BandSet): Band {
  const shown = roundTo(percent, 2);
  const bands = [...bandSet.bands].sort((a, b) => b.min - a.min);
  const lowest = bands[bands.length - 1];
  if (!lowest) throw new Error(`band set ${bandSet.code} has no bands`);
  return bands.find((b) => shown >= b.min) ?? lowest;
}
