import type { Kysely } from 'kysely';
import type { ScoreTree } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { notFound } from '../../errors';
import { campaignUnitIds, findCampaign } from '../campaigns/repository';
import { campaignUnitTrees } from '../content-scores/campaign-trees';
import { listQuotas } from '../fieldwork/repository';
import { unitTargets } from '../fieldwork/progress.service';
import { tracking } from '../leadership/tracking.service';
import { listUnits } from '../units/repository';
import { campaignIndices, lineageLinks } from '../units/lineage.service';
import { baselineNote, lineageBaseline } from '../../../analytics/src/lineage-baseline';
import { roundTo } from '../../../analytics/src/numbers';

/** How many campaigns of the `previous_campaign_id` chain a trend shows at most (the campaign itself included). */
export const TREND_MAX_CAMPAIGNS = 10;

type Part = { score: number; max: number };

export interface TrendUnit {
  unitId: string;
  name: string;
  group: string;
  total: number;
  max: number;
  parts: { content: Part; leadership: Part; sipas: Part };
  /**
   * null: the unit's own result. Otherwise a unit of the latest campaign that did not exist in this one: the
   * share-weighted combination of its predecessors' results here (merge, split, rename: issue 14), with the note.
   */
  via: { kind: string; note: { vi: string; en: string } } | null;
}

export interface TrendCampaign {
  id: string;
  name: string;
  year: number;
  units: TrendUnit[];
}

export interface SipasRate {
  accepted: number;
  received: number;
  target: number | null;
  rate: number | null;
}

export interface LeadershipRate {
  invited: number;
  failed: number;
  answered: number;
  rate: number | null;
}

export interface ResultTrends {
  campaign: { id: string; name: string; year: number };
  trend: TrendCampaign[];
  responseRates: {
    sipas: { overall: SipasRate; units: (SipasRate & { unitId: string; name: string })[] };
    leadership: { overall: LeadershipRate; groups: (LeadershipRate & { group: string })[] };
  };
}

const toPart = (p: ScoreTree['parts'][keyof ScoreTree['parts']] | undefined): Part => ({ score: p?.score ?? 0, max: p?.max ?? 0 });

/** The campaign and its predecessors along `previous_campaign_id`, oldest first; at most `limit`, stopping at a cycle. */
async function campaignChain(db: Kysely<DB>, campaignId: string, limit = TREND_MAX_CAMPAIGNS) {
  const first = await findCampaign(db, campaignId);
  if (!first) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const chain = [first];
  const seen = new Set([first.id]);
  let next = first.previous_campaign_id;
  while (next && chain.length < limit && !seen.has(next)) {
    const previous = await findCampaign(db, next);
    if (!previous) break;
    chain.push(previous);
    seen.add(previous.id);
    next = previous.previous_campaign_id;
  }
  return chain.reverse();
}

/** Every scored unit's total, maximum and parts in one campaign (the same trees as the ranking's totals). */
async function campaignTrend(db: Kysely<DB>, campaign: { id: string; name: string; year: number }): Promise<TrendCampaign> {
  const { trees } = await campaignUnitTrees(db, campaign.id);
  return {
    id: campaign.id,
    name: campaign.name,
    year: campaign.year,
    units: trees.map((t) => ({
      unitId: t.unitId,
      name: t.name,
      group: t.group,
      total: t.tree.total,
      max: t.tree.max,
      parts: { content: toPart(t.tree.parts.content), leadership: toPart(t.tree.parts.leadership_survey), sipas: toPart(t.tree.parts.sipas) },
      via: null,
    })),
  };
}

/**
 * Units of the latest campaign that an earlier campaign of the chain did not have get, in that campaign, their
 * lineage combination (../units/README.md): the predecessors' totals, maxima and parts averaged with the baseline's
 * weights, renormalised over the predecessors with a result; nothing when none has one. A new unit gets nothing.
 */
async function addLineage(db: Kysely<DB>, trend: TrendCampaign[]) {
  const latest = trend[trend.length - 1];
  const links = await lineageLinks(db);
  if (!latest || links.length === 0) return;
  const names = new Map((await listUnits(db)).map((u) => [u.id, u.name]));
  const name = (id: string) => names.get(id) ?? id;
  for (const c of trend.slice(0, -1)) {
    const present = new Map(c.units.map((u) => [u.unitId, u]));
    const indices = await campaignIndices(db, c.id, c.units.filter((u) => u.max > 0).map((u) => [u.unitId, roundTo((u.total * 100) / u.max, 2)] as const));
    for (const u of latest.units) {
      if (present.has(u.unitId)) continue;
      const b = lineageBaseline(u.unitId, indices, links);
      const note = baselineNote(b, c.year, name);
      if (!('predecessors' in b) || b.value === null || !note) continue;
      const used = b.predecessors.flatMap((p) => (p.index !== null && present.has(p.unit) ? [{ w: p.weight, t: present.get(p.unit)! }] : []));
      const weight = used.reduce((s, x) => s + x.w, 0);
      if (weight <= 0) continue;
      const mix = (f: (t: TrendUnit) => number) => roundTo(used.reduce((s, x) => s + x.w * f(x.t), 0) / weight, 4);
      const part = (k: keyof TrendUnit['parts']): Part => ({ score: mix((t) => t.parts[k].score), max: mix((t) => t.parts[k].max) });
      c.units.push({
        unitId: u.unitId, name: u.name, group: u.group, total: mix((t) => t.total), max: mix((t) => t.max),
        parts: { content: part('content'), leadership: part('leadership'), sipas: part('sipas') },
        via: { kind: b.kind, note },
      });
    }
  }
}

/**
 * SIPAS response rates per unit of the campaign: accepted forms, all received forms (every status) and the
 * fieldwork target (the unit's `all` quota, else the sum of its per-level quotas, as on the fieldwork dashboard);
 * rate = accepted / target, null without a target.
 */
async function sipasRates(db: Kysely<DB>, campaignId: string): Promise<ResultTrends['responseRates']['sipas']> {
  const unitIds = (await campaignUnitIds(db, [campaignId])).get(campaignId) ?? [];
  const names = new Map((await listUnits(db)).map((u) => [u.id, u.name]));
  const targets = unitTargets(await listQuotas(db, campaignId));
  const counts = await db
    .selectFrom('sipas_form')
    .select(['unit_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy(['unit_id', 'status'])
    .execute();
  const count = (unitId: string, accepted: boolean) =>
    counts.filter((c) => c.unit_id === unitId && (!accepted || c.status === 'accepted')).reduce((s, c) => s + Number(c.n), 0);
  const units = unitIds.map((unitId) => {
    const accepted = count(unitId, true);
    const target = targets.get(unitId) ?? null;
    return { unitId, name: names.get(unitId) ?? unitId, accepted, received: count(unitId, false), target, rate: target ? accepted / target : null };
  });
  const withTarget = units.filter((u) => u.target !== null);
  const target = withTarget.length ? withTarget.reduce((s, u) => s + u.target!, 0) : null;
  const overall: SipasRate = {
    accepted: units.reduce((s, u) => s + u.accepted, 0),
    received: units.reduce((s, u) => s + u.received, 0),
    target,
    // only the accepted forms of units with a target count towards the overall rate
    rate: target ? withTarget.reduce((s, u) => s + u.accepted, 0) / target : null,
  };
  return { overall, units };
}

/** Leadership response rates overall and per respondent group, from the tracking summary (rate = answered / (invited − failed)). */
async function leadershipRates(db: Kysely<DB>, campaignId: string): Promise<ResultTrends['responseRates']['leadership']> {
  const summary = await tracking(db, campaignId);
  const rate = (r: { invited: number; failed: number; responded: number; rate: number | null }): LeadershipRate => ({
    invited: r.invited,
    failed: r.failed,
    answered: r.responded,
    rate: r.rate,
  });
  return { overall: rate(summary.overall), groups: summary.byGroup.map((g) => ({ group: g.group, ...rate(g) })) };
}

/** Totals over the years (the campaign's chain of previous campaigns) and the campaign's SIPAS and leadership response rates. */
export async function resultTrends(db: Kysely<DB>, campaignId: string): Promise<ResultTrends> {
  const chain = await campaignChain(db, campaignId);
  const campaign = chain[chain.length - 1]!;
  const trend: TrendCampaign[] = [];
  for (const c of chain) trend.push(await campaignTrend(db, c));
  await addLineage(db, trend);
  return {
    campaign: { id: campaign.id, name: campaign.name, year: campaign.year },
    trend,
    responseRates: { sipas: await sipasRates(db, campaignId), leadership: await leadershipRates(db, campaignId) },
  };
}
