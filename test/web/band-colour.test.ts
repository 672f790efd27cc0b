import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, DARK_TEXT, hslToRgb, relativeLuminance, textColourOn, toHex, WHITE } from '../../web/shared/colour/contrast';
import { bandBadgeColours, bandColour } from '../../web/shared/colour/bandColour';

const hex = (s: string) => ({ r: parseInt(s.slice(1, 3), 16), g: parseInt(s.slice(3, 5), 16), b: parseInt(s.slice(5, 7), 16) });
const bandSets = JSON.parse(readFileSync(new URL('../../seeds/band-sets.json', import.meta.url), 'utf8')) as { code: string; bands: { code: string }[] }[];

describe('WCAG contrast', () => {
  it('gives the ratios WCAG and axe-core give', () => {
    expect(contrastRatio(WHITE, { r: 0, g: 0, b: 0 })).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    expect(contrastRatio(hex('#777777'), WHITE)).toBeCloseTo(4.48, 2); // the classic "just fails AA" grey
    expect(contrastRatio(WHITE, hex('#767676'))).toBeCloseTo(4.54, 2); // … and the one that passes; the order of the two does not matter
    expect(relativeLuminance(hex('#808080'))).toBeCloseTo(0.2158605, 6);
  });

  it('converts HSL as the browser paints it: the old "Loại B" badge, hsl(93 60% 38%), was #5b9b27 at 3.4:1 (issue 12)', () => {
    expect(toHex(hslToRgb(93, 60, 38))).toBe('#5b9b27');
    expect(contrastRatio(hslToRgb(93, 60, 38), WHITE)).toBeCloseTo(3.4, 1);
    expect(toHex(hslToRgb(0, 100, 50))).toBe('#ff0000');
    expect(toHex(hslToRgb(240, 100, 25))).toBe('#000080');
  });

  it('picks white on dark backgrounds and the dark text on light ones', () => {
    expect(textColourOn(hex('#1f5d99'))).toEqual(WHITE);
    expect(textColourOn(hex('#eceff3'))).toEqual(DARK_TEXT);
    expect(textColourOn(hex('#ffd54f'))).toEqual(DARK_TEXT);
  });
});

describe('band badge colours', () => {
  it.each(bandSets.map((s) => [s.code, s.bands.length] as const))('every band of the set %s (%i bands) has text at 4.5:1 or more', (_code, count) => {
    for (let position = 0; position < count; position += 1) {
      const { background, color } = bandBadgeColours(position, count);
      expect(contrastRatio(hex(background), hex(color)), `band ${position + 1} of ${count}: ${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      expect(color).toBe('#ffffff');
    }
  });

  it('keeps the bands apart: best green, worst red, no two alike', () => {
    for (let count = 2; count <= 7; count += 1) {
      const colours = Array.from({ length: count }, (_, p) => hex(bandColour(p, count)));
      expect(new Set(colours.map(toHex)).size).toBe(count);
      expect(colours[0]!.g).toBeGreaterThan(colours[0]!.r); // green
      expect(colours[count - 1]!.r).toBeGreaterThan(colours[count - 1]!.g); // red
    }
  });

  it('leaves colours that already pass as they were (38% lightness) and darkens the others until they pass', () => {
    expect(bandColour(3, 4)).toBe(toHex(hslToRgb(0, 60, 38))); // red: 7.7:1 already
    expect(bandColour(3, 5)).toBe(toHex(hslToRgb(35, 60, 38))); // orange: 4.6:1 already
    expect(bandColour(1, 4)).toBe(toHex(hslToRgb(93, 60, 32))); // the old "Loại B" (3.4:1), 6 points darker
    expect(contrastRatio(hslToRgb(93, 60, 33), WHITE)).toBeLessThan(4.5); // … and no lighter one would pass
  });
});
