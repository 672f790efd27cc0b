import { describe, expect, it } from 'vitest';
import type { BandSet } from './types';
import { bandFor } from './bands';
import { compareWithPrevious, rankUnits } from './ranking';
import { parseUnitsCsv } from './units-csv';

const national: BandSet = {
  code: 'national',
  name: { vi: 'Toàn quốc', en: 'National' },
  bands: [
    { code: 'A', label: { vi: 'Loại A', en: 'Grade A' }, min: 90 },
    { code: 'B', label: { vi: 'Loại B', en: 'Grade B' }, min: 80 },
    { code: 'C', label: { vi: 'Loại C', en: 'Grade C' }, min: 70 },
    { code: 'D', label: { vi: 'Loại D', en: 'Grade D' }, min: 0 },
  ],
};
const province5: BandSet = {
  code: 'province5',
  name: { vi: 'Năm mức', en: 'Five levels' },
  bands: [
    { code: 'xuat_sac', label: { vi: 'Xuất sắc', en: 'Excellent' }, min: 95 },
    { code: 'tot', label: { vi: 'Tốt', en: 'Good' }, min: 85 },
    { code: 'kha', label: { vi: 'Khá', en: 'Fair' }, min: 75 },
    { code: 'trung_binh', label: { vi: 'Trung bình', en: 'Average' }, min: 70 },
    { code: 'yeu', label: { vi: 'Yếu', en: 'Weak' }, min: 0 },
  ],
};

describe('bandFor (PAR-INDEX.md §5), on the index rounded to 2 decimals', () => {
  it.each([
    [national, 90, 'A'],
    [national, 89.996, 'A'], // shows as 90.00
    [national, 89.994, 'B'], // shows as 89.99
    [national, 84.3919, 'B'],
    [national, 80, 'B'],
    [national, 70, 'C'],
    [national, 69.99, 'D'],
    [national, 0, 'D'],
    [national, -5, 'D'],
    [province5, 100, 'xuat_sac'],
    [province5, 95, 'xuat_sac'],
    [province5, 94.99, 'tot'],
    [province5, 85, 'tot'],
    [province5, 75, 'kha'],
    [province5, 74.999, 'kha'],
    [province5, 70, 'trung_binh'],
    [province5, 69.99, 'yeu'],
  ] as const)('%#: %d → %s', (set, percent, code) => {
    expect(bandFor(percent, set).code).toBe(code);
  });
});

describe('rankUnits (PAR-INDEX.md §5)', () => {
  const ranking = rankUnits(
    [
      { unit: 'Sở A', group: 'Sở', score: 88, max: 100 },
      { unit: 'Sở B', group: 'Sở', score: 91.5, max: 100 },
      { unit: 'Huyện X', group: 'Huyện', score: 70, max: 100 },
      { unit: 'Sở C', group: 'Sở', score: 52.8, max: 60 }, // no SIPAS: 52.8 × 100 / 60 = 88
      { unit: 'Sở D', group: 'Sở', score: 80, max: 100 },
      { unit: 'Huyện Y', group: 'Huyện', score: 95.555, max: 100 },
    ],
    province5,
  );

  it('indexes, ranks within groups with shared ranks (1, 2, 2, 4), orders by group then rank', () => {
    expect(ranking.units.map((u) => [u.group, u.unit, u.index, u.rank, u.band])).toEqual([
      ['Sở', 'Sở B', 91.5, 1, 'tot'],
      ['Sở', 'Sở A', 88, 2, 'tot'],
      ['Sở', 'Sở C', 88, 2, 'tot'],
      ['Sở', 'Sở D', 80, 4, 'kha'],
      ['Huyện', 'Huyện Y', 95.56, 1, 'xuat_sac'],
      ['Huyện', 'Huyện X', 70, 2, 'trung_binh'],
    ]);
    expect(ranking.units[2]).toMatchObject({ score: 52.8, max: 60 });
  });

  it('averages the indices per group', () => {
    expect(ranking.groups).toEqual([
      { group: 'Sở', average: 86.88, count: 4 }, // (91.5 + 88 + 88 + 80) / 4 = 86.875
      { group: 'Huyện', average: 82.78, count: 2 }, // (95.56 + 70) / 2
    ]);
  });

  it('gives band null without a band set and rejects a max of 0', () => {
    expect(rankUnits([{ unit: 'u', group: 'g', score: 1, max: 2 }]).units[0]).toMatchObject({ index: 50, rank: 1, band: null });
    expect(() => rankUnits([{ unit: 'u', group: 'g', score: 1, max: 0 }])).toThrow(/max/);
  });

  it('compares with the previous year: positive rank change = moved up', () => {
    const previous = rankUnits([
      { unit: 'Sở A', group: 'Sở', score: 90, max: 100 },
      { unit: 'Sở B', group: 'Sở', score: 85, max: 100 },
      { unit: 'Sở D', group: 'Huyện', score: 85, max: 100 },
    ]).units;
    const changes = compareWithPrevious(ranking.units, previous);
    const byUnit = new Map(changes.map((c) => [c.unit, c]));
    expect(byUnit.get('Sở B')).toMatchObject({ scoreChange: 6.5, percentChange: 6.5, rankChange: 1, previousRank: 2 });
    expect(byUnit.get('Sở A')).toMatchObject({ scoreChange: -2, percentChange: -2, rankChange: -1 });
    expect(byUnit.get('Sở C')).toMatchObject({ scoreChange: null, percentChange: null, rankChange: null, previousScore: null });
    expect(byUnit.get('Sở D')).toMatchObject({ scoreChange: -5, rankChange: null }); // another group last year
  });
});

describe('parseUnitsCsv', () => {
  it('reads units; blank sipas = no survey; decimal commas', () => {
    const { units, errors } = parseUnitsCsv('unit,group,appraised,sipas,max\nSở A,Sở,80.5,9.25,100\n"Sở C",Sở,"52,8",,60\n');
    expect(errors).toEqual([]);
    expect(units).toEqual([
      { unit: 'Sở A', group: 'Sở', score: 89.75, max: 100 },
      { unit: 'Sở C', group: 'Sở', score: 52.8, max: 60 },
    ]);
  });

  it('reports every bad cell with its row and column', () => {
    const { units, errors } = parseUnitsCsv('unit,group,appraised,sipas,max\nA,G,abc,1,100\n\nB,,50,,0\nC,G,90,20,100\nA,G,1,1,100\nA,G,1,1,100\n');
    expect(units).toEqual([{ unit: 'A', group: 'G', score: 2, max: 100 }]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'appraised'],
      [4, 'group'],
      [4, 'max'],
      [5, 'max'],
      [7, 'unit'],
    ]);
    expect(errors[0]?.message).toEqual({ vi: 'Dòng 2, cột appraised: "abc" không phải là số.', en: 'Row 2, column appraised: "abc" is not a number.' });
    expect(errors[3]?.message.en).toBe('Row 5, column max: score 110 (appraised + sipas) exceeds the maximum 100.');
  });

  it('names missing columns', () => {
    expect(parseUnitsCsv('unit,group,score\nA,G,1\n').errors).toEqual([
      { row: 1, column: 'appraised, sipas, max', message: { vi: 'Dòng 1: thiếu cột appraised, sipas, max (cần: unit,group,appraised,sipas,max).', en: 'Row 1: missing column(s) appraised, sipas, max (expected: unit,group,appraised,sipas,max).' } },
    ]);
  });
});
