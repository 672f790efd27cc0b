import { AA_TEXT_CONTRAST, contrastRatio, hslToRgb, textColourOn, toHex, WHITE, type Rgb } from './contrast';

/** The hue of the band at `position` (0 = best) among `count`: green (140°) for the best to red (0°) for the worst. */
export function bandHue(position: number, count: number): number {
  return count <= 1 ? 140 : Math.round(140 - (140 * position) / (count - 1));
}

/**
 * The band's background: its hue at 60% saturation and at most 38% lightness, darkened a step at a time until white
 * text on it reaches WCAG AA (4.5:1) — yellow-greens and oranges need it (the old fixed 38% gave 3.4:1 for "Loại B").
 * Band sets (seeds/band-sets.json) carry no colours: the colour follows the band's place in its set.
 */
export function bandBackground(position: number, count: number): Rgb {
  const hue = bandHue(position, count);
  for (let lightness = 38; lightness > 0; lightness -= 1) {
    const rgb = hslToRgb(hue, 60, lightness);
    if (contrastRatio(rgb, WHITE) >= AA_TEXT_CONTRAST) return rgb;
  }
  return hslToRgb(hue, 60, 0);
}

/** The band's colour as "#rrggbb" (badges and the ranking chart's bars). */
export function bandColour(position: number, count: number): string {
  return toHex(bandBackground(position, count));
}

/** Background and text colour of a band badge; the text is the better of white and dark (white, by construction). */
export function bandBadgeColours(position: number, count: number): { background: string; color: string } {
  const background = bandBackground(position, count);
  return { background: toHex(background), color: toHex(textColourOn(background)) };
}
