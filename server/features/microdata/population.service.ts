import type { Kysely } from 'kysely';
import type { DB, QuotaLevel } from '../../db/schema';
import { AppError } from '../../errors';
import { foldHeader, populationCell, readCsv, type RowErrors } from '../../http/csv';
import { campaignUnitIds } from '../campaigns/repository';
import { ALL_LEVELS, campaignLevels, describeLevels, levelNotInCampaign } from '../fieldwork/campaign-levels';
import { requireCampaign } from '../fieldwork/setup.service';

/** Strata per file: units × levels (the JSON PUT takes as many). */
export const MAX_POPULATION_ROWS = 20_000;

export interface PopulationRow {
  unitId: string;
  level: QuotaLevel;
  population: number;
}

/** The campaign's population table, in the order of its units, and the campaign's levels. */
export async function listPopulation(db: Kysely<DB>, campaignId: string) {
  await requireCampaign(db, campaignId);
  const rows = await db
    .selectFrom('sipas_population as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['p.unit_id', 'u.code', 'u.name', 'p.level', 'p.population'])
    .where('p.campaign_id', '=', campaignId)
    .orderBy('u.position')
    .orderBy('u.code')
    .orderBy('p.level')
    .execute();
  return {
    rows: rows.map((r) => ({ unitId: r.unit_id, unitCode: r.code, unitName: r.name, level: r.level, population: r.population })),
    /** the campaign's levels of government (labelled by its questionnaire): what a row's level may be, besides `all` */
    levels: await campaignLevels(db, campaignId),
  };
}

/** Replaces the whole table (run in the route's transaction). Units must be in the campaign; no stratum twice. */
export async function replacePopulation(db: Kysely<DB>, campaignId: string, rows: readonly PopulationRow[]) {
  await requireCampaign(db, campaignId);
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const levels = await campaignLevels(db, campaignId);
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (r.level !== ALL_LEVELS && !levels.some((l) => l.value === r.level)) throw levelNotInCampaign(`rows[${i}].level`, r.level, levels, true);
    if (!inCampaign.has(r.unitId)) {
      throw new AppError(400, 'validation', { vi: 'Có đơn vị không thuộc đợt đánh giá; chưa lưu gì.', en: 'A unit is not in the campaign; nothing was stored.' }, { unitId: r.unitId });
    }
    const key = `${r.unitId}/${r.level}`;
    if (seen.has(key)) {
      throw new AppError(400, 'validation', { vi: 'Một đơn vị và cấp lặp lại; chưa lưu gì.', en: 'A unit and level is repeated; nothing was stored.' }, { unitId: r.unitId, level: r.level });
    }
    seen.add(key);
  }
  await db.deleteFrom('sipas_population').where('campaign_id', '=', campaignId).execute();
  if (rows.length) {
    await db.insertInto('sipas_population').values(rows.map((r) => ({ campaign_id: campaignId, unit_id: r.unitId, level: r.level, population: r.population }))).execute();
  }
  return listPopulation(db, campaignId);
}

type Column = 'unit' | 'level' | 'population';
const ALIASES: Record<Column, string[]> = {
  unit: ['don vi', 'ma don vi', 'unit code', 'code'],
  level: ['cap', 'cap chinh quyen'],
  population: ['dan so', 'so dan'],
};

const LEVEL_WORDS: Record<string, QuotaLevel> = {
  province: 'province', tinh: 'province', 'cap tinh': 'province',
  district: 'district', huyen: 'district', 'cap huyen': 'district',
  commune: 'commune', xa: 'commune', 'cap xa': 'commune',
  all: 'all', 'tat ca': 'all', chung: 'all', '': 'all',
};

export interface PopulationCsvRow extends PopulationRow {
  row: number;
  unitCode: string;
}

/**
 * Reads `unit,level,population` (or `đơn vị,cấp,dân số`) and checks every row: unit codes of the campaign, levels
 * (province/district/commune/all, or tỉnh/huyện/xã/tất cả; blank = all), whole numbers above zero, no stratum twice.
 */
export async function checkPopulationCsv(db: Kysely<DB>, campaignId: string, text: string): Promise<{ rows: PopulationCsvRow[]; errors: RowErrors }> {
  await requireCampaign(db, campaignId);
  const { lines, errors } = readCsv<Column>(text, ALIASES, ['unit', 'population'], MAX_POPULATION_ROWS);
  if (errors.length) return { rows: [], errors };
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const unitByCode = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code.toLowerCase(), u]));
  const levels = await campaignLevels(db, campaignId);
  const allowed = new Set([...levels.map((l) => l.value), ALL_LEVELS]);
  const rows: PopulationCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const { row } = line;
    const err = (column: Column, vi: string, en: string) => errors.push(line.cellError(column, vi, en));
    const code = line.get('unit');
    const unit = unitByCode.get(code.toLowerCase());
    if (!code) err('unit', 'thiếu mã đơn vị.', 'the unit code is missing.');
    else if (!unit) err('unit', `không có đơn vị mã "${code}".`, `no unit with code "${code}".`);
    else if (!inCampaign.has(unit.id)) err('unit', `đơn vị "${code}" không thuộc đợt đánh giá.`, `unit "${code}" is not in the campaign.`);
    const levelText = line.get('level');
    const word = LEVEL_WORDS[foldHeader(levelText)];
    const level = word && allowed.has(word) ? word : undefined;
    if (!level) {
      err('level', `cấp "${levelText}" không có trong đợt đánh giá (các cấp: ${describeLevels(levels, 'vi', true)}).`,
        `level "${levelText}" is not one of the campaign's levels (${describeLevels(levels, 'en', true)}).`);
    }
    const cell = populationCell(line.get('population'));
    const population = 'population' in cell ? cell.population : null;
    if (!('population' in cell)) err('population', cell.vi, cell.en);
    if (unit && level) {
      const key = `${unit.id}/${level}`;
      const first = seen.get(key);
      if (first !== undefined) err('unit', `đơn vị "${code}", cấp ${level} lặp lại (đã có ở dòng ${first}).`, `unit "${code}", level ${level} is repeated (first at row ${first}).`);
      else seen.set(key, row);
    }
    if (unit && level && population !== null && population > 0) rows.push({ row, unitCode: unit.code, unitId: unit.id, level, population });
  }
  return { rows, errors };
}

/** Replaces the campaign's population table with the file's rows — all or nothing (route's transaction). */
export async function commitPopulationCsv(db: Kysely<DB>, campaignId: string, text: string) {
  const { rows, errors } = await checkPopulationCsv(db, campaignId, text);
  errors.refuseAny();
  return replacePopulation(db, campaignId, rows);
}
