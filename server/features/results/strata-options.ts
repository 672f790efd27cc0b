import type { Kysely } from 'kysely';
import type { DB, UnitKind } from '../../db/schema';
import { campaignLevels, type GovLevel } from '../fieldwork/campaign-levels';

type Text = { vi: string; en: string };

/** A level of government as messages name it ("cấp tỉnh", "province level"): the questionnaire's label. */
export function levelName(levels: readonly GovLevel[], level: string): Text {
  const found = levels.find((l) => l.value === level);
  return found ? { vi: found.label.vi.toLowerCase(), en: `${found.label.en.toLowerCase()} level` } : { vi: level, en: level };
}

/**
 * The levels of government a unit's forms can be at, among the campaign's levels (issue 14: a two-level campaign has
 * no district level, so a province covers province and commune only): a province covers all of them, a department (sở, ban, ngành) is a
 * province-level body, a district covers its district and communes, a commune only itself. A form recording another
 * level (e.g. a department "at commune level") is a stratum no population figure can exist for.
 */
const LEVELS_OF: Record<UnitKind, readonly string[]> = {
  province: ['province', 'district', 'commune'],
  department: ['province'],
  district: ['district', 'commune'],
  commune: ['commune'],
};

/** Most missing unit × level pairs a message names one by one; the rest are counted. */
const LISTED = 10;

export interface MissingStratum { unitId: string; unit: string; level: string; forms: number }

export interface UnitLevelAvailability {
  available: boolean;
  /** sampled unit × level pairs (accepted forms, a level that fits the unit) without a per-level population */
  missing: MissingStratum[];
  /** accepted forms with no level, or a level their unit cannot have: not usable in unit × level strata */
  unfitForms: number;
  /** why the option is not available (null when it is) */
  reason: Text | null;
  /** the campaign's levels of government (its questionnaire's), the levels of the unit × level strata */
  levels: GovLevel[];
}

/**
 * Whether the unit × level strata can be used (issue 12): every (unit, level) the accepted forms sample needs a
 * per-level population. Only pairs that have forms are named — never every unit × every level.
 */
export async function unitLevelAvailability(db: Kysely<DB>, campaignId: string): Promise<UnitLevelAvailability> {
  const cells = await db.selectFrom('sipas_form').innerJoin('unit', 'unit.id', 'sipas_form.unit_id')
    .select(['unit.id as unitId', 'unit.name', 'unit.code', 'unit.kind', 'sipas_form.gov_level as level', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('sipas_form.campaign_id', '=', campaignId).where('sipas_form.status', '=', 'accepted')
    .groupBy(['unit.id', 'unit.name', 'unit.code', 'unit.kind', 'unit.position', 'sipas_form.gov_level'])
    .orderBy('unit.position').orderBy('unit.name').orderBy('sipas_form.gov_level').execute();
  const rows = await db.selectFrom('sipas_population').select(['unit_id', 'level'])
    .where('campaign_id', '=', campaignId).where('level', '!=', 'all').execute();
  const population = new Set(rows.map((r) => `${r.unit_id}/${r.level}`));
  const levels = await campaignLevels(db, campaignId);
  const inCampaign = new Set(levels.map((l) => l.value));
  const missing: MissingStratum[] = [];
  let unfitForms = 0;
  for (const c of cells) {
    const n = Number(c.n);
    if (!c.level || !inCampaign.has(c.level) || !LEVELS_OF[c.kind].includes(c.level)) {
      unfitForms += n;
      continue;
    }
    if (!population.has(`${c.unitId}/${c.level}`)) missing.push({ unitId: c.unitId, unit: `${c.name} (${c.code})`, level: c.level, forms: n });
  }
  const available = cells.length > 0 && missing.length === 0 && unfitForms === 0;
  return { available, missing, unfitForms, reason: available ? null : reasonOf(cells.length === 0, rows.length === 0, missing, unfitForms, levels), levels };
}

function reasonOf(noForms: boolean, noLevels: boolean, missing: MissingStratum[], unfitForms: number, levels: readonly GovLevel[]): Text {
  if (noForms) return { vi: 'Chưa có phiếu đã duyệt để chia tầng theo đơn vị × cấp.', en: 'No accepted forms to stratify by unit × level.' };
  const vi: string[] = [];
  const en: string[] = [];
  if (missing.length > 0) {
    const listed = missing.slice(0, LISTED);
    const more = missing.length - listed.length;
    const pair = (m: MissingStratum, lang: 'vi' | 'en') => `${m.unit}, ${levelName(levels, m.level)[lang]} (${m.forms} ${lang === 'vi' ? 'phiếu' : m.forms === 1 ? 'form' : 'forms'})`;
    vi.push(`${noLevels ? 'Đợt đánh giá chưa có cỡ tổng thể theo cấp' : 'Thiếu cỡ tổng thể theo cấp'} cho ${missing.length} cặp đơn vị × cấp có phiếu: ${listed.map((m) => pair(m, 'vi')).join('; ')}${more > 0 ? `; và ${more} cặp khác` : ''}.`);
    en.push(`${noLevels ? 'The campaign has no population by level' : 'Population by level missing'} for ${missing.length} unit × level pair${missing.length === 1 ? '' : 's'} with forms: ${listed.map((m) => pair(m, 'en')).join('; ')}${more > 0 ? `; and ${more} more` : ''}.`);
  }
  if (unfitForms > 0) {
    vi.push(`${unfitForms} phiếu không ghi cấp chính quyền hoặc ghi cấp không có ở đơn vị đó (ví dụ sở, ban, ngành ở cấp xã): không xếp được vào tầng đơn vị × cấp.`);
    en.push(`${unfitForms} form${unfitForms === 1 ? '' : 's'} record no level of government, or one their unit does not have (e.g. a department at commune level): they fit no unit × level stratum.`);
  }
  vi.push('Nhập dân số theo cấp (Dữ liệu vi mô → Cỡ tổng thể) hoặc dùng tầng theo đơn vị.');
  en.push('Enter the population by level (Microdata → Population sizes) or use strata by unit.');
  return { vi: `Tầng đơn vị × cấp chưa dùng được. ${vi.join(' ')}`, en: `Unit × level strata are not available. ${en.join(' ')}` };
}

/**
 * The design strata the results page offers, and the campaign's levels of government (with their labels from the
 * questionnaire): a two-level campaign lists province and commune only (issue 14).
 */
export async function strataOptionsOf(db: Kysely<DB>, campaignId: string) {
  const { levels, ...unitLevel } = await unitLevelAvailability(db, campaignId);
  return { strataOptions: { unit: { available: true as const }, unit_level: unitLevel }, levels };
}
