/**
 * Colour contrast as WCAG 2.x defines it (relative luminance of sRGB, ratio (L1 + 0.05) / (L2 + 0.05)), for
 * colours the app computes itself (the band badges): text on them must reach AA, 4.5:1.
 */

/** An sRGB colour, 0–255 per channel. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** WCAG AA for normal-size text. */
export const AA_TEXT_CONTRAST = 4.5;
export const WHITE: Rgb = { r: 255, g: 255, b: 255 };
/** The app's text colour (--colour-text in styles.css). */
export const DARK_TEXT: Rgb = { r: 0x1b, g: 0x1f, b: 0x24 };

/** HSL (hue in degrees, saturation and lightness in %) to sRGB, each channel rounded to 0–255 as a browser paints it. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const s = saturation / 100;
  const l = lightness / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return { r: channel(0), g: channel(8), b: channel(4) };
}

/** Relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or the app's dark text, whichever contrasts more with the background. */
export function textColourOn(background: Rgb): Rgb {
  return contrastRatio(background, WHITE) >= contrastRatio(background, DARK_TEXT) ? WHITE : DARK_TEXT;
}

/** "#rrggbb" */
export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
