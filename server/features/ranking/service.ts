import type { Kysely } from 'kysely';
import { compareWithPrevious, rankUnits, type UnitChange } from '../../../analytics/src/index';
import type { BandSet, ScoreTree } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { findBandSet } from '../criteria/repository';
import { campaignUnitTrees } from '../content-scores/campaign-trees';
import { campaignApprovalState } from '../assessment/approval-state';
import { campaignIndices, lineageBaselines, type BaselineOut } from '../units/lineage.service';
import { roundTo } from '../../../analytics/src/numbers';

/** Each scored unit's total and maximum in a campaign; in a self-assessment campaign only the council-approved units. */
async function campaignTotals(db: Kysely<DB>, campaignId: string) {
  const { campaign, trees } = await campaignUnitTrees(db, campaignId);
  const approval = await campaignApprovalState(db, campaignId);
  const counted = approval ? trees.filter((t) => approval.approved.has(t.unitId)) : trees;
  return {
    campaign,
    totals: counted.map((t) => ({ unitId: t.unitId, unit: t.name, group: t.group, score: t.tree.total, max: t.tree.max, tree: t.tree })),
    notApproved: { count: approval?.notApproved.length ?? 0, units: approval?.notApproved ?? [] },
  };
}

/** Ranking within groups with bands, group averages and the change from the previous campaign (PAR-INDEX.md §5). */
export async function campaignRanking(db: Kysely<DB>, campaignId: string): Promise<CampaignRanking> {
  const { trees: _trees, campaign: _campaign, ...ranking } = await campaignRankingWithTrees(db, campaignId);
  return ranking;
}

export interface CampaignRanking {
  bandSet: BandSet;
  units: RankedUnit[];
  groups: { group: string; average: number; count: number }[];
  /** self-assessment campaigns: the units left out of the ranking until the council approves them */
  notApproved: { count: number; units: { unitId: string; unit: string }[] };
}

/**
 * The ranking and, for each ranked unit, the score tree it was made from (fields, parts): the province-wide
 * exports print the same figures as the ranking page.
 */
export async function campaignRankingWithTrees(db: Kysely<DB>, campaignId: string): Promise<CampaignRanking & {
  campaign: { id: string; name: string; year: number; previous_campaign_id: string | null };
  trees: Map<string, ScoreTree>;
}> {
  const { campaign, totals, notApproved } = await campaignTotals(db, campaignId);
  const bandSet = await findBandSet(db, campaign.band_set_code);
  if (!bandSet) throw new AppError(500, 'internal', { vi: 'Thiếu thang xếp loại.', en: 'Missing band set.' });
  const ranked = rankUnits(totals.map((t) => ({ unit: t.unitId, group: t.group, score: t.score, max: t.max })), bandSet);
  const prevTotals = campaign.previous_campaign_id ? await campaignTotals(db, campaign.previous_campaign_id) : null;
  const previous = prevTotals ? rankUnits(prevTotals.totals.map((t) => ({ unit: t.unitId, group: t.group, score: t.score, max: t.max }))) : null;
  const changes = previous ? new Map(compareWithPrevious(ranked.units, previous.units).map((c) => [c.unit, c])) : null;
  const names = new Map(totals.map((t) => [t.unitId, t.unit]));
  // units that are not in the previous campaign are compared through the lineage (merge, split, rename: issue 14)
  const baselines = prevTotals && previous
    ? await lineageBaselines(db, ranked.units.map((u) => u.unit), { year: prevTotals.campaign.year, indices: await campaignIndices(db, prevTotals.campaign.id, previous.units.map((u) => [u.unit, u.index] as const)) })
    : new Map<string, BaselineOut>();
  const prevRank = new Map(previous?.units.map((u) => [u.unit, u]) ?? []);
  return {
    campaign: { id: campaign.id, name: campaign.name, year: campaign.year, previous_campaign_id: campaign.previous_campaign_id },
    trees: new Map(totals.map((t) => [t.unitId, t.tree])),
    bandSet,
    units: ranked.units.map((u) => ({
      unitId: u.unit,
      unit: names.get(u.unit) ?? u.unit,
      group: u.group,
      score: u.score,
      max: u.max,
      index: u.index,
      rank: u.rank,
      band: u.band,
      change: lineageChange(u, baselines.get(u.unit), prevRank) ?? toChange(changes?.get(u.unit)),
      baseline: baselines.get(u.unit) ?? null,
    })),
    groups: ranked.groups,
    notApproved,
  };
}

/**
 * Change against a lineage baseline (issue 14, ../units/README.md): index − baseline index; the score change is on
 * this unit's scale (score − baseline × max / 100); the rank change only for a rename within the same group.
 * Null for the unit's own previous result (then the change is the usual one), a new unit or no baseline index.
 */
function lineageChange(
  u: { unit: string; group: string; score: number; max: number; index: number; rank: number },
  b: BaselineOut | undefined,
  prevRank: ReadonlyMap<string, { group: string; rank: number }>,
): RankedUnit['change'] | undefined {
  if (!b || b.kind === 'same') return undefined;
  if (b.index === null) return null;
  const single = b.kind === 'rename' && b.predecessors.length === 1 ? prevRank.get(b.predecessors[0]!.unitId) : undefined;
  return {
    score: roundTo(u.score - (b.index * u.max) / 100, 4),
    percent: roundTo(u.index - b.index, 2),
    rank: single && single.group === u.group ? single.rank - u.rank : null,
  };
}

function toChange(c: UnitChange | undefined): RankedUnit['change'] {
  if (!c || c.scoreChange === null || c.percentChange === null) return null;
  return { score: c.scoreChange, percent: c.percentChange, rank: c.rankChange };
}

export interface RankedUnit {
  unitId: string;
  unit: string;
  group: string;
  score: number;
  max: number;
  index: number;
  rank: number;
  band: string | null;
  change: { score: number; percent: number; rank: number | null } | null;
  /** what the change is measured against: null without a previous campaign; kind 'same' = the unit's own result */
  baseline: BaselineOut | null;
}
