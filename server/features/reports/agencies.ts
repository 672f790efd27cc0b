// The agency responsible (đơn vị phụ trách) for each field and criterion: configurable data (PAR-INDEX.md §6).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { DB, UnitKind } from '../../db/schema';
import { AppError } from '../../errors';

/** code → the agencies responsible, e.g. { "1": ["Sở Nội vụ"], "1.7": ["Văn phòng UBND tỉnh"] } */
export type AgencyMap = Record<string, string[]>;

interface AgencySeed {
  code: string;
  name: { vi: string; en: string };
  criteriaSets: string[];
  /** the kinds of unit whose own report it is for (a department's report names the department's divisions); none = any */
  unitKinds?: UnitKind[];
  agencies: AgencyMap;
}

/** seeds/agencies/ */
const AGENCIES_DIR = fileURLToPath(new URL('../../../seeds/agencies/', import.meta.url));
let seeds: AgencySeed[] | null = null;

/** Every seeds/agencies/*.json, read once. */
export function agencySeeds(): AgencySeed[] {
  seeds ??= readdirSync(AGENCIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(AGENCIES_DIR, f), 'utf8')) as AgencySeed);
  return seeds;
}

/**
 * The default mapping for a unit's report: the seed that lists the unit's criteria set and its kind, else one that
 * lists the set for any kind; without a kind (the campaign's own view) the first seed listing the set. None when no
 * seed fits — never another set's or another kind's mapping (issue 12 point 10: a department's report named the
 * provincial agencies).
 */
export function defaultAgencies(criteriaSetCode: string, unitKind?: UnitKind): { source: string | null; agencies: AgencyMap } {
  const forSet = agencySeeds().filter((s) => s.criteriaSets.includes(criteriaSetCode));
  const seed = unitKind
    ? (forSet.find((s) => s.unitKinds?.includes(unitKind)) ?? forSet.find((s) => !s.unitKinds?.length))
    : forSet[0];
  return seed ? { source: seed.code, agencies: structuredClone(seed.agencies) } : { source: null, agencies: {} };
}

/**
 * The mapping a report uses: the campaign's own if an analyst saved one and the unit is scored with the campaign's
 * criteria set (the set the mapping was checked against), else the default for the set and the unit's kind.
 * `editable`: whether the campaign's own mapping is the one that applies here (PUT changes it).
 */
export async function campaignAgencies(db: Kysely<DB>, campaignId: string, criteriaSetCode: string, unitKind?: UnitKind) {
  const campaign = await db.selectFrom('campaign').select('criteria_set_code').where('id', '=', campaignId).executeTakeFirst();
  const editable = campaign?.criteria_set_code === criteriaSetCode;
  const row = editable ? await db.selectFrom('campaign_agency_map').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst() : undefined;
  if (row) return { custom: true, editable, source: null as string | null, agencies: row.agencies, updatedAt: new Date(row.updated_at).toISOString() };
  return { custom: false, editable, ...defaultAgencies(criteriaSetCode, unitKind), updatedAt: null as string | null };
}

/** The agencies of a code: its own entry, else its nearest listed ancestor's (1.3.2 → 1.3 → 1), else none. */
export function agenciesFor(map: AgencyMap, code: string): string[] {
  for (let c = code; c !== ''; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') {
    const found = map[c];
    if (found?.length) return found;
  }
  return [];
}

/** Trims names, drops empty ones and duplicates, and refuses codes the campaign's criteria set does not have. */
export function normaliseAgencies(map: AgencyMap, set: CriteriaSet): AgencyMap {
  const known = new Set(set.criteria.map((c) => c.code));
  const unknown = Object.keys(map).filter((code) => !known.has(code));
  if (unknown.length) {
    throw new AppError(400, 'validation', {
      vi: `Trường agencies: bộ tiêu chí "${set.code}" không có mã ${unknown.join(', ')}.`,
      en: `Field agencies: criteria set "${set.code}" has no code ${unknown.join(', ')}.`,
    }, { unknownCodes: unknown });
  }
  const out: AgencyMap = {};
  // in the printed order of the criteria set, so the stored JSON reads like the table
  for (const c of set.criteria) {
    const names = [...new Set((map[c.code] ?? []).map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean))];
    if (names.length) out[c.code] = names;
  }
  return out;
}

export async function saveCampaignAgencies(db: Kysely<DB>, campaignId: string, agencies: AgencyMap, userId: string) {
  const values = { campaign_id: campaignId, agencies: JSON.stringify(agencies), updated_at: new Date(), updated_by: userId };
  await db
    .insertInto('campaign_agency_map')
    .values(values)
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ agencies: values.agencies, updated_at: values.updated_at, updated_by: userId }))
    .execute();
}

export const deleteCampaignAgencies = (db: Kysely<DB>, campaignId: string) =>
  db.deleteFrom('campaign_agency_map').where('campaign_id', '=', campaignId).execute();
