// Indices, ranks and group averages of units inside a province (PAR-INDEX.md §5).
import type { BandSet } from './types';
import { bandFor } from './bands';
import { roundTo } from './numbers';

export interface UnitScore {
  unit: string;
  group: string;
  score: number;
  max: number;
}

export interface RankedUnit extends UnitScore {
  /** score × 100 / max, 2 decimals */
  index: number;
  /** within the group, 1 = best; ties share a rank (1, 1, 3) */
  rank: number;
  /** band code, null without a band set */
  band: string | null;
}

export interface GroupSummary {
  group: string;
  /** mean of the units' indices, 2 decimals */
  average: number;
  count: number;
}

export interface Ranking {
  units: RankedUnit[];
  groups: GroupSummary[];
}

/**
 * index = score × 100 / max rounded to 2 decimals (PAR-INDEX.md §5: a unit without SIPAS scored out of 60 has
 * index = score × 100 / 60); ranks within each group by index descending, equal indices share the rank
 * (competition ranking 1, 1, 3); group average = mean index, 2 decimals. Groups in order of first appearance,
 * units by rank, equal ranks in input order.
 */
export function rankUnits(units: readonly UnitScore[], bandSet?: BandSet): Ranking {
  const groups: string[] = [];
  for (const u of units) if (!groups.includes(u.group)) groups.push(u.group);
  const out: RankedUnit[] = [];
  const summaries: GroupSummary[] = [];
  for (const group of groups) {
    const members = units
      .filter((u) => u.group === group)
      .map((u) => {
        if (!(u.max > 0)) throw new Error(`unit ${u.unit}: max must be > 0`);
        const index = roundTo((u.score * 100) / u.max, 2);
        return { ...u, index, rank: 0, band: bandSet ? bandFor(index, bandSet).code : null };
      })
      .sort((a, b) => b.index - a.index);
    members.forEach((m, i) => {
      const prev = members[i - 1];
      m.rank = prev !== undefined && prev.index === m.index ? prev.rank : i + 1;
    });
    out.push(...members);
    const average = roundTo(members.reduce((s, m) => s + m.index, 0) / members.length, 2);
    summaries.push({ group, average, count: members.length });
  }
  return { units: out, groups: summaries };
}

export interface UnitChange extends RankedUnit {
  previousScore: number | null;
  previousIndex: number | null;
  previousRank: number | null;
  /** score − previous score (4 decimals); null without a previous result */
  scoreChange: number | null;
  /** index − previous index, in percentage points (2 decimals) */
  percentChange: number | null;
  /** previous rank − rank: positive = moved up; null without a previous result or when the group changed */
  rankChange: number | null;
}

/** Year-over-year change per unit (PAR-INDEX.md §5), matching units by name. */
export function compareWithPrevious(current: readonly RankedUnit[], previous: readonly RankedUnit[]): UnitChange[] {
  const before = new Map(previous.map((p) => [p.unit.trim(), p]));
  return current.map((c) => {
    const p = before.get(c.unit.trim());
    return {
      ...c,
      previousScore: p?.score ?? null,
      previousIndex: p?.index ?? null,
      previousRank: p?.rank ?? null,
      scoreChange: p ? roundTo(c.score - p.score, 4) : null,
      percentChange: p ? roundTo(c.index - p.index, 2) : null,
      rankChange: p && p.group === c.group ? p.rank - c.rank : null,
    };
  });
}
