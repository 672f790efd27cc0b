// The yearly analysis report of a unit in a campaign (PAR-INDEX.md §5, §6): per field and criterion the maximum,
// self-assessed and appraised scores, %, rank in the unit's group, change from the previous campaign, the points
// lost with their notes and the agencies responsible, and the summary sentences.
import type { Kysely } from 'kysely';
import { aggregate, bandFor, rankUnits, roundTo } from '../../../analytics/src/index';
import type { CriteriaSet, ScoreNode, ScoreTree } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { findCampaign } from '../campaigns/repository';
import { findUnit } from '../units/repository';
import { campaignIndices, lineageBaselines } from '../units/lineage.service';
import { campaignUnitTrees } from '../content-scores/campaign-trees';
import { campaignApprovalState } from '../assessment/approval-state';
import { loadScoreContext } from '../content-scores/context';
import { agenciesFor, campaignAgencies } from './agencies';
import { summarise } from './sentences';
import { appraisalReasons } from '../assessment/appraisal.repository';
import type { LostItem, Rank, Report, ReportRow } from './schemas';

/** A lost amount below this is rounding, not a loss (published leaves have 4 decimals). */
const LOST_EPSILON = 0.00005;

interface UnitResult {
  unitId: string;
  group: string;
  tree: ScoreTree;
  nodes: Map<string, ScoreNode>;
}

export function flatten(root: ScoreNode): ScoreNode[] {
  const out: ScoreNode[] = [];
  const walk = (n: ScoreNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

/**
 * Every scored unit's tree in a campaign (units without any stored score are left out, as in the ranking). In a
 * self-assessment campaign only council-approved units are ranked (`ranked`); `approval` says who is not yet.
 */
async function campaignResults(db: Kysely<DB>, campaignId: string) {
  const { campaign, set, trees } = await campaignUnitTrees(db, campaignId);
  const results: UnitResult[] = trees.map((t) => ({ unitId: t.unitId, group: t.group, tree: t.tree, nodes: new Map(flatten(t.tree.root).map((n) => [n.code, n])) }));
  const approval = await campaignApprovalState(db, campaignId);
  const ranked = approval ? results.filter((r) => approval.approved.has(r.unitId)) : results;
  return { campaign, set, results, ranked, approval };
}

/** The score of a node for ranking: the total for the root (empty leaves count 0), else the appraised score. */
const scoreOf = (r: UnitResult, code: string) => (code === 'TOTAL' ? r.tree.total : (r.nodes.get(code)?.appraised ?? 0));

/** Ranks of one node among the group's units (competition ranking on the 2-decimal index, as the ranking page). */
function rankOf(peers: readonly UnitResult[], unitId: string, code: string): Rank | null {
  const entries = peers.flatMap((p) => {
    const node = p.nodes.get(code);
    return node && node.max > 0 ? [{ unit: p.unitId, group: 'g', score: scoreOf(p, code), max: node.max }] : [];
  });
  if (entries.length < 2) return null;
  const ranking = rankUnits(entries);
  const me = ranking.units.find((u) => u.unit === unitId);
  return me ? { rank: me.rank, of: entries.length, groupAverage: ranking.groups[0]!.average } : null;
}

/** The note that says why a leaf lost points: its own, else its nearest parent's that has one. */
function reasonFor(path: readonly ScoreNode[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const note = path[i]!.note?.trim();
    if (note) return note;
  }
  return null;
}

/** The report and the unit's score tree it was made from (the appendix table prints the tree). */
export async function buildReport(db: Kysely<DB>, campaignId: string, unitId: string): Promise<{ report: Report; tree: ScoreTree }> {
  const ctx = await loadScoreContext(db, campaignId, unitId);
  const current = await campaignResults(db, campaignId);
  const unitRow = (await findUnit(db, unitId))!; // loadScoreContext has checked it exists
  const group = unitRow.ranking_group ?? unitRow.kind;
  const mine: UnitResult = current.results.find((r) => r.unitId === unitId) ?? emptyResult(ctx.set, unitId, group);
  const peers = current.ranked.filter((r) => r.group === group);

  const prevCampaign = current.campaign.previous_campaign_id ? await findCampaign(db, current.campaign.previous_campaign_id) : undefined;
  const previous = prevCampaign ? await campaignResults(db, prevCampaign.id) : null;
  const prevMine = previous?.results.find((r) => r.unitId === unitId) ?? null;
  const prevPeers = previous?.ranked.filter((r) => r.group === group) ?? [];
  // a unit that was not in the previous campaign is compared through its lineage (merge, split, rename: issue 14)
  const baseline = prevCampaign && previous
    ? (await lineageBaselines(db, [unitId], {
        year: prevCampaign.year,
        indices: await campaignIndices(db, prevCampaign.id, previous.ranked.filter((r) => r.tree.max > 0).map((r) => [r.unitId, roundTo((r.tree.total * 100) / r.tree.max, 2)] as const)),
      })).get(unitId) ?? null
    : null;
  const lineagePercent = (code: string): number | null => {
    if (!baseline || !previous) return null;
    if (code === 'TOTAL') return baseline.index;
    // a field: the predecessors' percents of the same node, with the baseline's weights, renormalised over those that have it
    const parts = baseline.predecessors.flatMap((p) => {
      const node = previous.results.find((r) => r.unitId === p.unitId)?.nodes.get(code);
      return node && node.percent !== null ? [{ w: p.weight, percent: node.percent }] : [];
    });
    const w = parts.reduce((acc, x) => acc + x.w, 0);
    return w > 0 ? roundTo(parts.reduce((acc, x) => acc + x.w * x.percent, 0) / w, 2) : null;
  };

  const agencyMap = await campaignAgencies(db, campaignId, ctx.set.code, unitRow.kind);
  const agencies = (code: string) => agenciesFor(agencyMap.agencies, code);

  const compare = (code: string, percent: number | null, rank: Rank | null) => {
    const p = prevMine?.nodes.get(code);
    if (!prevMine && prevCampaign && baseline && baseline.kind !== 'same' && baseline.kind !== 'new') {
      const basePercent = lineagePercent(code);
      const max = code === 'TOTAL' ? mine.tree.max : (mine.nodes.get(code)?.max ?? 0);
      if (basePercent === null) return { previous: null, change: null };
      // the baseline on this unit's scale: the predecessors' combined percent × this node's maximum
      const baseScore = roundTo((basePercent * max) / 100, 4);
      return {
        previous: { year: prevCampaign.year, max, appraised: baseScore, percent: basePercent, rank: null },
        change: { score: roundTo(scoreOf(mine, code) - baseScore, 4), percent: percent !== null ? roundTo(roundTo(percent, 2) - basePercent, 2) : null, rank: null },
      };
    }
    if (!prevMine || !p || !prevCampaign) return { previous: null, change: null };
    const prevRank = rankOf(prevPeers, unitId, code);
    const prevScore = scoreOf(prevMine, code);
    const prevPercent = code === 'TOTAL' ? prevMine.tree.percent : p.percent;
    return {
      previous: { year: prevCampaign.year, max: p.max, appraised: code === 'TOTAL' ? prevScore : p.appraised, percent: prevPercent, rank: prevRank },
      change: {
        score: roundTo(scoreOf(mine, code) - prevScore, 4),
        percent: percent !== null && prevPercent !== null ? roundTo(roundTo(percent, 2) - roundTo(prevPercent, 2), 2) : null,
        rank: rank && prevRank ? prevRank.rank - rank.rank : null,
      },
    };
  };

  // leaves that lost points, in printed order, with the path to them for the reason; in a campaign with a
  // self-assessment the appraisers' comment on the leaf (final, else appraisal) is the reason
  const appraised = await appraisalReasons(db, campaignId, unitId);
  const lost: LostItem[] = [];
  const lostCount = new Map<string, number>();
  const visit = (node: ScoreNode, path: ScoreNode[]) => {
    const here = [...path, node];
    if (node.children.length > 0) return node.children.forEach((c) => visit(c, here));
    if (node.notApplicable || node.appraised === null) return;
    const amount = roundTo(node.max - node.appraised, 4);
    if (amount <= LOST_EPSILON) return;
    for (const p of here) lostCount.set(p.code, (lostCount.get(p.code) ?? 0) + 1);
    lost.push({
      code: node.code, name: node.name, field: here[1]?.code ?? node.code, level: node.level, source: node.source,
      max: node.max, self: node.self, appraised: node.appraised, lost: amount, note: appraised.get(node.code) ?? reasonFor(here.slice(1)), agencies: agencies(node.code),
    });
  };
  visit(mine.tree.root, []);

  const rows: ReportRow[] = flatten(mine.tree.root)
    .filter((n) => n.level === 0 || n.level === 1)
    .map((n) => {
      const rank = rankOf(peers, unitId, n.code);
      return {
        code: n.code, name: n.name, level: n.level, source: n.source, max: n.max, self: n.self, appraised: n.appraised, percent: n.percent,
        lostPoints: roundTo(Math.max(0, n.max - (n.appraised ?? 0)), 4), lostCount: lostCount.get(n.code) ?? 0, note: n.note,
        agencies: agencies(n.code), rank, ...compare(n.code, n.percent, rank),
      };
    });

  const tree = mine.tree;
  const totalRank = rankOf(peers, unitId, 'TOTAL');
  const band = tree.max > 0 ? bandFor(tree.percent, ctx.bandSet) : null;
  const partOf = (p: { score: number; max: number }) => ({ ...p, percent: p.max > 0 ? (100 * p.score) / p.max : null });
  const report: Omit<Report, 'summary'> = {
    campaign: {
      id: ctx.campaign.id, name: ctx.campaign.name, year: ctx.campaign.year,
      previous: prevCampaign ? { id: prevCampaign.id, name: prevCampaign.name, year: prevCampaign.year } : null,
    },
    unit: { id: ctx.unit.id, code: ctx.unit.code, name: ctx.unit.name, group },
    peers: peers.length,
    total: { max: tree.max, self: tree.root.self, appraised: tree.total, percent: tree.percent, rank: totalRank, ...compare('TOTAL', tree.percent, totalRank) },
    band: band ? { code: band.code, label: band.label } : null,
    parts: { content: partOf(tree.parts.content), leadership_survey: partOf(tree.parts.leadership_survey), sipas: partOf(tree.parts.sipas) },
    rows,
    lost,
    agencyMap: { custom: agencyMap.custom, source: agencyMap.source, editable: agencyMap.editable },
    approval: approvalNote(current.approval, unitId),
    baseline,
  };
  return { report: { ...report, summary: summarise(report) }, tree };
}

/** What the report says about council approval in a self-assessment campaign (null for other campaigns). */
function approvalNote(approval: Awaited<ReturnType<typeof campaignApprovalState>>, unitId: string): Report['approval'] {
  if (!approval) return null;
  const approved = approval.approved.has(unitId);
  const n = approval.notApproved.length;
  const own = approved
    ? { vi: 'Kết quả của đơn vị đã được Hội đồng phê duyệt.', en: 'The unit\'s results are approved by the council.' }
    : { vi: 'Kết quả của đơn vị chưa được Hội đồng phê duyệt: số liệu dưới đây chưa chính thức và đơn vị chưa được xếp hạng.',
        en: 'The unit\'s results are not yet approved by the council: the figures below are not official and the unit is not ranked.' };
  const others = n === 0
    ? { vi: 'Tất cả đơn vị đã được phê duyệt.', en: 'All units are approved.' }
    : { vi: `Thứ hạng chỉ tính các đơn vị đã được phê duyệt; còn ${n} đơn vị chưa được phê duyệt.`, en: `Ranks count approved units only; ${n} unit(s) are not approved yet.` };
  return { approved, notApprovedCount: n, notApprovedUnits: approval.notApproved.map((u) => u.unit), note: { vi: `${own.vi} ${others.vi}`, en: `${own.en} ${others.en}` } };
}

/** A unit without any stored score: the criteria set's tree with every score empty. */
function emptyResult(set: CriteriaSet, unitId: string, group: string): UnitResult {
  const tree = aggregate(set, new Map());
  return { unitId, group, tree, nodes: new Map(flatten(tree.root).map((n) => [n.code, n])) };
}
