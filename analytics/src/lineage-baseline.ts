// Year-over-year across a merger (issue 14; PAR-INDEX.md §5: "year-over-year comparison must go through the merger
// (which old units formed each new one)"). A unit's baseline is the index it is compared with in the previous
// campaign:
//   - the unit itself was in the previous campaign: its own index (kind 'same', the rule before lineage);
//   - otherwise its predecessors along the lineage links (merge, split, rename), followed back until units of the
//     previous campaign are reached (a chain of events multiplies the weights):
//       baseline = Σ wᵢ · Iᵢ / Σ wᵢ   over the reached predecessors i that have an index Iᵢ,
//     where wᵢ is the predecessor's share (population or the analyst's figure) normalised over the successor's
//     predecessors in each event. A split successor has one predecessor, so it takes the predecessor's index; a
//     renamed unit its predecessor's. Predecessors without an index are left out and the others' shares
//     renormalised; `coveredShare` says what share the baseline stands on, `missing` names the ones left out.
//     None with an index: no baseline (value null);
//   - no predecessor at all: a new unit (kind 'new', no change).
// Formula and a worked example by hand: server/features/units/README.md.
import { roundTo } from './numbers';

export type LineageKind = 'merge' | 'split' | 'rename';

export interface LineageLink {
  predecessor: string;
  successor: string;
  /** the predecessor's share in this event (> 0); its scale does not matter, shares are normalised per successor */
  share: number;
  kind: LineageKind;
}

export interface BaselinePredecessor {
  unit: string;
  /** normalised weight over all reached predecessors (sums to 1) */
  weight: number;
  /** the predecessor's index in the previous campaign; null = it has none (left out) */
  index: number | null;
}

export type Baseline =
  | { kind: 'same'; value: number | null }
  | { kind: 'new'; value: null }
  | {
      kind: LineageKind | 'mixed';
      /** 2 decimals like an index; null when no predecessor has an index */
      value: number | null;
      predecessors: BaselinePredecessor[];
      /** Σ weight of the predecessors with an index (1 = all) */
      coveredShare: number;
      missing: string[];
    };

/** Deepest chain of events followed back (a unit merged, then renamed, then merged again …); a cycle stops too. */
const MAX_DEPTH = 10;

/**
 * The baseline of `unit` against the previous campaign. `previous` holds every unit of the previous campaign with
 * its index (null when it was in the campaign but has no index); `links` are all lineage links.
 */
export function lineageBaseline(unit: string, previous: ReadonlyMap<string, number | null>, links: readonly LineageLink[]): Baseline {
  if (previous.has(unit)) return { kind: 'same', value: previous.get(unit) ?? null };
  const into = new Map<string, LineageLink[]>();
  for (const l of links) into.set(l.successor, [...(into.get(l.successor) ?? []), l]);
  if (!into.has(unit)) return { kind: 'new', value: null };

  const reached = new Map<string, number>();
  const kinds = new Set<LineageKind>();
  const walk = (u: string, weight: number, depth: number, path: ReadonlySet<string>): void => {
    const incoming = (into.get(u) ?? []).filter((l) => !path.has(l.predecessor));
    if (previous.has(u) || incoming.length === 0 || depth >= MAX_DEPTH) {
      reached.set(u, (reached.get(u) ?? 0) + weight);
      return;
    }
    const total = incoming.reduce((s, l) => s + l.share, 0);
    for (const l of incoming) {
      kinds.add(l.kind);
      walk(l.predecessor, (weight * l.share) / total, depth + 1, new Set([...path, l.predecessor]));
    }
  };
  walk(unit, 1, 0, new Set([unit]));

  const predecessors: BaselinePredecessor[] = [...reached].map(([u, w]) => ({ unit: u, weight: w, index: previous.get(u) ?? null }));
  const withIndex = predecessors.filter((p) => p.index !== null);
  const covered = withIndex.reduce((s, p) => s + p.weight, 0);
  const value = covered > 0 ? roundTo(withIndex.reduce((s, p) => s + p.weight * (p.index as number), 0) / covered, 2) : null;
  return {
    kind: kinds.size === 1 ? [...kinds][0]! : 'mixed',
    value,
    predecessors: predecessors.map((p) => ({ ...p, weight: roundTo(p.weight, 6) })),
    coveredShare: roundTo(covered, 6),
    missing: predecessors.filter((p) => p.index === null).map((p) => p.unit),
  };
}

/** The words that go with a lineage figure: "so với năm 2024, gộp từ: A, B, C" / "đơn vị mới". */
export function baselineNote(b: Baseline, year: number | null, name: (unit: string) => string): { vi: string; en: string } | null {
  if (b.kind === 'same') return null;
  if (b.kind === 'new') return { vi: 'đơn vị mới', en: 'new unit' };
  const names = b.predecessors.map((p) => name(p.unit)).join(', ');
  const verb = {
    merge: { vi: 'gộp từ', en: 'merged from' },
    split: { vi: 'tách từ', en: 'split from' },
    rename: { vi: 'đổi tên từ', en: 'renamed from' },
    mixed: { vi: 'hình thành từ', en: 'formed from' },
  }[b.kind];
  const vsVi = year === null ? 'so với năm trước' : `so với năm ${year}`;
  const vsEn = year === null ? 'compared with the previous year' : `compared with ${year}`;
  const missing = b.missing.length > 0
    ? {
        vi: b.value === null ? `; chưa có chỉ số của: ${b.missing.map(name).join(', ')}` : `; không tính ${b.missing.map(name).join(', ')} (không có chỉ số)`,
        en: b.value === null ? `; no index for: ${b.missing.map(name).join(', ')}` : `; leaving out ${b.missing.map(name).join(', ')} (no index)`,
      }
    : { vi: '', en: '' };
  return { vi: `${vsVi}, ${verb.vi}: ${names}${missing.vi}`, en: `${vsEn}, ${verb.en}: ${names}${missing.en}` };
}
