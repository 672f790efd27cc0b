// The province-wide report of a campaign (issue 12 point 11): the ranking page's figures for every unit, per group,
// with each unit's parts and fields, the bands, the top and bottom units, and per field who lost most points where.
import type { Kysely } from 'kysely';
import { roundTo } from '../../../analytics/src/index';
import type { BandSet, ScoreNode, ScoreTree } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { findCampaign } from '../campaigns/repository';
import { campaignRankingWithTrees, type RankedUnit } from '../ranking/service';
import { listUnits } from '../units/repository';
import { groupLabel } from './groups';
import { provinceSummary, groupSummary } from './province-sentences';
import type { ProvinceGroup, ProvinceReport, ProvinceUnit } from './province-schemas';

/** A loss below this is rounding (published leaves have 4 decimals), as in the unit's report. */
const LOST_EPSILON = 0.00005;
/** how many units / criteria each list names */
const TOP = 3;

const lostOf = (n: ScoreNode) => roundTo(Math.max(0, n.max - (n.appraised ?? 0)), 4);
const percentOf = (n: ScoreNode) => (n.max > 0 ? (100 * (n.appraised ?? 0)) / n.max : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function unitRow(u: RankedUnit, code: string, tree: ScoreTree, fieldCodes: readonly string[], bandSet: BandSet): ProvinceUnit {
  const fields = new Map(tree.root.children.map((f) => [f.code, f]));
  const band = bandSet.bands.find((b) => b.code === u.band);
  const p = tree.parts;
  return {
    unitId: u.unitId, code, name: u.unit, group: u.group, rank: u.rank, score: u.score, max: u.max, index: u.index,
    band: band ? { code: band.code, label: band.label } : null,
    change: u.change,
    changeNote: u.baseline?.note ?? null,
    parts: {
      content: p.content,
      sociological: { score: roundTo(p.leadership_survey.score + p.sipas.score, 4), max: p.leadership_survey.max + p.sipas.max },
      leadership_survey: p.leadership_survey,
      sipas: p.sipas,
    },
    fields: fieldCodes.map((c) => {
      const f = fields.get(c);
      return f ? { code: c, score: f.appraised ?? 0, max: f.max, percent: percentOf(f) } : null;
    }),
  };
}

/** Per field: the units that lost most there and the criteria where the group lost most. */
function fieldLosses(fieldDefs: ProvinceGroup['fields'], members: readonly { u: RankedUnit; tree: ScoreTree }[]): ProvinceGroup['losses'] {
  return fieldDefs.map((def) => {
    const perUnit = members.flatMap(({ u, tree }) => {
      const f = tree.root.children.find((c) => c.code === def.code);
      return f ? [{ u, f }] : [];
    });
    const units = perUnit
      .map(({ u, f }) => ({ unitId: u.unitId, name: u.unit, lost: lostOf(f), percent: percentOf(f) }))
      .filter((x) => x.lost > LOST_EPSILON)
      .sort((a, b) => b.lost - a.lost || a.name.localeCompare(b.name, 'vi'));
    const criteria = new Map<string, ProvinceGroup['losses'][number]['criteria'][number]>();
    for (const { u, f } of perUnit) {
      for (const c of f.children) {
        const lost = lostOf(c);
        if (lost <= LOST_EPSILON) continue;
        const entry = criteria.get(c.code) ?? { code: c.code, name: c.name, lost: 0, unitsLosing: 0, worst: { unitId: u.unitId, name: u.unit, lost } };
        entry.lost = roundTo(entry.lost + lost, 4);
        entry.unitsLosing += 1;
        if (lost > entry.worst.lost) entry.worst = { unitId: u.unitId, name: u.unit, lost };
        criteria.set(c.code, entry);
      }
    }
    const pcts = perUnit.map(({ f }) => percentOf(f)).filter((x): x is number => x !== null);
    return {
      code: def.code,
      name: def.name,
      average: mean(pcts),
      lost: roundTo(units.reduce((s, x) => s + x.lost, 0), 4),
      units: units.slice(0, TOP),
      criteria: [...criteria.values()].sort((a, b) => b.lost - a.lost || b.unitsLosing - a.unitsLosing).slice(0, TOP),
    };
  });
}

/** The province-wide report: same units, ranks, indices, bands and changes as GET …/ranking. */
export async function buildProvinceReport(db: Kysely<DB>, campaignId: string): Promise<ProvinceReport> {
  const ranking = await campaignRankingWithTrees(db, campaignId);
  const { campaign, bandSet, trees } = ranking;
  const prev = campaign.previous_campaign_id ? await findCampaign(db, campaign.previous_campaign_id) : undefined;
  const codes = new Map((await listUnits(db)).map((u) => [u.id, u.code]));
  const bandCounts = (units: readonly RankedUnit[]) => bandSet.bands.map((b) => ({ code: b.code, label: b.label, count: units.filter((u) => u.band === b.code).length }));

  const groups: ProvinceGroup[] = ranking.groups.map((g) => {
    const members = ranking.units.filter((u) => u.group === g.group).map((u) => ({ u, tree: trees.get(u.unitId)! }));
    // the group's fields in printed order (units of one group normally share a criteria set; a field missing from
    // a unit's set is left empty in its row)
    const fieldDefs: ProvinceGroup['fields'] = [];
    for (const { tree } of members) {
      for (const f of tree.root.children) {
        const known = fieldDefs.find((d) => d.code === f.code);
        if (!known) fieldDefs.push({ code: f.code, name: f.name, max: f.max });
        else known.max = Math.max(known.max, f.max);
      }
    }
    const units = members.map(({ u, tree }) => unitRow(u, codes.get(u.unitId) ?? '', tree, fieldDefs.map((d) => d.code), bandSet));
    const byRank = [...units].sort((a, b) => a.rank - b.rank);
    const ref = (x: ProvinceUnit) => ({ unitId: x.unitId, name: x.name, index: x.index, rank: x.rank });
    const compared = units.filter((x) => x.change?.rank !== null && x.change?.rank !== undefined);
    const group: Omit<ProvinceGroup, 'summary'> = {
      group: g.group,
      label: groupLabel(g.group),
      count: g.count,
      average: g.average,
      // the leaders and the last, never the same unit in both lists (at most 3 each, half the group)
      top: byRank.slice(0, Math.max(1, Math.min(TOP, Math.floor(byRank.length / 2)))).map(ref),
      bottom: byRank.length >= 2 ? byRank.slice(-Math.min(TOP, Math.floor(byRank.length / 2))).reverse().map(ref) : [],
      hasParts: {
        leadership_survey: members.some(({ tree }) => tree.parts.leadership_survey.max > 0),
        sipas: members.some(({ tree }) => tree.parts.sipas.max > 0),
      },
      fields: fieldDefs,
      units: byRank,
      bands: bandCounts(members.map((m) => m.u)),
      movement: prev
        ? { up: compared.filter((x) => x.change!.rank! > 0).length, down: compared.filter((x) => x.change!.rank! < 0).length, same: compared.filter((x) => x.change!.rank === 0).length }
        : null,
      losses: fieldLosses(fieldDefs, members),
    };
    return { ...group, summary: groupSummary(group, prev?.year ?? null) };
  });

  const report: Omit<ProvinceReport, 'summary'> = {
    campaign: { id: campaign.id, name: campaign.name, year: campaign.year, previous: prev ? { id: prev.id, name: prev.name, year: prev.year } : null },
    bandSet,
    totals: { units: ranking.units.length, bands: bandCounts(ranking.units) },
    groups,
    notApproved: { count: ranking.notApproved.count, units: ranking.notApproved.units.map((u) => u.unit) },
  };
  return { ...report, summary: provinceSummary(report) };
}
