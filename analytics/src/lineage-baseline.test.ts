import { describe, expect, it } from 'vitest';
import { baselineNote, lineageBaseline, type Baseline, type LineageLink } from './lineage-baseline';

// The rule (issue 14; PAR-INDEX.md §5 "year-over-year comparison must go through the merger"): a merged unit's
// baseline = Σ wᵢ·Iᵢ / Σ wᵢ over predecessors with an index, shares normalised; a split successor and a renamed unit
// take the predecessor's index; no predecessor = new unit. The worked example is the one in
// server/features/units/README.md, computed by hand there.
const merge = (preds: [string, number][], into: string): LineageLink[] => preds.map(([p, share]) => ({ predecessor: p, successor: into, share, kind: 'merge' }));
const prev = (entries: [string, number | null][]) => new Map(entries);

const cases: { name: string; unit: string; previous: Map<string, number | null>; links: LineageLink[]; value: number | null; kind: Baseline['kind']; covered?: number; missing?: string[] }[] = [
  { name: 'unit in the previous campaign: its own index', unit: 'A', previous: prev([['A', 80]]), links: [], value: 80, kind: 'same' },
  { name: 'no predecessor: new unit', unit: 'N', previous: prev([['A', 80]]), links: [], value: null, kind: 'new' },
  {
    // README worked example: populations 12 000 / 8 000 / 5 000 → weights 0,48 / 0,32 / 0,20;
    // 0,48·80 + 0,32·70 + 0,20·90 = 38,4 + 22,4 + 18 = 78,8
    name: 'merge 3 → 1 by population', unit: 'X', previous: prev([['A', 80], ['B', 70], ['C', 90]]),
    links: merge([['A', 12000], ['B', 8000], ['C', 5000]], 'X'), value: 78.8, kind: 'merge', covered: 1, missing: [],
  },
  {
    name: 'shares on another scale give the same baseline (normalised)', unit: 'X', previous: prev([['A', 80], ['B', 70], ['C', 90]]),
    links: merge([['A', 0.48], ['B', 0.32], ['C', 0.2]], 'X'), value: 78.8, kind: 'merge', covered: 1, missing: [],
  },
  {
    // (0,48·80 + 0,32·70) / 0,80 = 60,8 / 0,8 = 76
    name: 'merge with one predecessor without index: left out, shares renormalised', unit: 'X', previous: prev([['A', 80], ['B', 70], ['C', null]]),
    links: merge([['A', 12000], ['B', 8000], ['C', 5000]], 'X'), value: 76, kind: 'merge', covered: 0.8, missing: ['C'],
  },
  {
    name: 'merge where no predecessor has an index: no baseline', unit: 'X', previous: prev([['A', null]]),
    links: merge([['A', 1], ['B', 1]], 'X'), value: null, kind: 'merge', covered: 0, missing: ['A', 'B'],
  },
  {
    name: 'split 1 → 2: each successor takes the predecessor index (S1)', unit: 'S1', previous: prev([['P', 85.5]]),
    links: [{ predecessor: 'P', successor: 'S1', share: 0.6, kind: 'split' }, { predecessor: 'P', successor: 'S2', share: 0.4, kind: 'split' }],
    value: 85.5, kind: 'split', covered: 1, missing: [],
  },
  {
    name: 'split 1 → 2: each successor takes the predecessor index (S2)', unit: 'S2', previous: prev([['P', 85.5]]),
    links: [{ predecessor: 'P', successor: 'S1', share: 0.6, kind: 'split' }, { predecessor: 'P', successor: 'S2', share: 0.4, kind: 'split' }],
    value: 85.5, kind: 'split', covered: 1, missing: [],
  },
  { name: 'rename', unit: 'R', previous: prev([['O', 72.25]]), links: [{ predecessor: 'O', successor: 'R', share: 1, kind: 'rename' }], value: 72.25, kind: 'rename', covered: 1, missing: [] },
  {
    // A, B (1:1) → X in one year, X renamed Y the next: (80 + 70) / 2 = 75
    name: 'chain: merge then rename', unit: 'Y', previous: prev([['A', 80], ['B', 70]]),
    links: [...merge([['A', 1], ['B', 1]], 'X'), { predecessor: 'X', successor: 'Y', share: 1, kind: 'rename' }], value: 75, kind: 'mixed', covered: 1, missing: [],
  },
  {
    name: 'a cycle in the links stops', unit: 'X', previous: prev([['A', 60]]),
    links: [{ predecessor: 'Y', successor: 'X', share: 1, kind: 'rename' }, { predecessor: 'X', successor: 'Y', share: 1, kind: 'rename' }, { predecessor: 'A', successor: 'Y', share: 1, kind: 'merge' }],
    value: 60, kind: 'mixed', covered: 1, missing: [],
  },
];

describe('lineageBaseline (issue 14; PAR-INDEX.md §5)', () => {
  it.each(cases)('$name', ({ unit, previous, links, value, kind, covered, missing }) => {
    const b = lineageBaseline(unit, previous, links);
    expect(b.kind).toBe(kind);
    expect(b.value).toBe(value);
    if ('coveredShare' in b) {
      expect(b.coveredShare).toBeCloseTo(covered ?? -1, 6);
      expect(b.missing).toEqual(missing);
      expect(b.predecessors.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 6);
    }
  });
});

describe('baselineNote', () => {
  const names: Record<string, string> = { A: 'Xã An', B: 'Xã Bình', C: 'Xã Châu', P: 'Huyện Phú' };
  const name = (u: string) => names[u] ?? u;
  it.each([
    { b: lineageBaseline('X', prev([['A', 80], ['B', 70], ['C', 90]]), merge([['A', 1], ['B', 1], ['C', 1]], 'X')), vi: 'so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu' },
    { b: lineageBaseline('S', prev([['P', 80]]), [{ predecessor: 'P', successor: 'S', share: 1, kind: 'split' }]), vi: 'so với năm 2024, tách từ: Huyện Phú' },
    { b: lineageBaseline('N', prev([]), []), vi: 'đơn vị mới' },
    { b: lineageBaseline('X', prev([['A', 80], ['B', 70], ['C', null]]), merge([['A', 1], ['B', 1], ['C', 1]], 'X')), vi: 'so với năm 2024, gộp từ: Xã An, Xã Bình, Xã Châu; không tính Xã Châu (không có chỉ số)' },
  ])('$vi', ({ b, vi }) => {
    expect(baselineNote(b, 2024, name)?.vi).toBe(vi);
  });
  it('says nothing for the same unit', () => expect(baselineNote({ kind: 'same', value: 1 }, 2024, name)).toBeNull());
});
