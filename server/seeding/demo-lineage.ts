import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { createUnit } from '../features/units/service';
import { createCampaign } from '../features/campaigns/service';
import { createLineageEvent } from '../features/units/lineage.service';
import { upsertScore } from '../features/content-scores/repository';
import { loadCriteriaSet } from '../features/criteria/repository';
import { mulberry32 } from '../../analytics/src/index';

const MERGER_DAY = '2025-07-01';

/**
 * The demo province after the 2025 reorganisation (issue 14): two-level local government, so the 2026 campaign has
 * departments and communes directly under the province, no districts. Lineage from the 2023 demo campaign's units:
 * Sở Kế hoạch và Đầu tư merged into Sở Tài chính (a new unit), two departments renamed, Thành phố Demo split into two
 * wards, two pairs of former districts merged into communes (shares by population), one commune with no predecessor.
 * The 2026 ranking's change column and each unit's report then compare through the lineage ("gộp từ: …").
 * Runs inside loadDemoData's transaction, after the 2023 campaign exists.
 */
export async function loadDemoLineage(db: Kysely<DB>, input: { provinceId: string; campaign2023Id: string; adminId: string }) {
  const byCode = new Map((await db.selectFrom('unit').select(['id', 'code']).where('code', 'like', 'DEMO-%').execute()).map((u) => [u.code, u.id]));
  const old = (code: string) => byCode.get(code)!;
  const add = async (code: string, name: string, kind: 'department' | 'commune') => {
    const unit = await createUnit(db, { code, name, parentId: input.provinceId, kind, group: kind === 'department' ? 'so-nganh' : 'xa' });
    await db.updateTable('unit').set({ valid_from: MERGER_DAY }).where('id', '=', unit.id).execute();
    return unit.id;
  };
  // districts end with the reorganisation; their communes were merged too
  await db.updateTable('unit').set({ valid_to: '2025-06-30' }).where('code', 'like', 'DEMO-%').where('kind', 'in', ['district', 'commune']).execute();
  await db.updateTable('unit').set({ valid_to: '2025-06-30' }).where('code', 'in', ['DEMO-STC', 'DEMO-SKHDT', 'DEMO-STTTT', 'DEMO-SNNPTNT']).execute();

  const finance = await add('DEMO-STC-2025', 'Sở Tài chính (sau hợp nhất)', 'department');
  const science = await add('DEMO-SKHCN', 'Sở Khoa học và Công nghệ', 'department');
  const agriculture = await add('DEMO-SNNMT', 'Sở Nông nghiệp và Môi trường', 'department');
  const ward1 = await add('DEMO-P-HG1', 'Phường Hà Giang 1', 'commune');
  const ward2 = await add('DEMO-P-HG2', 'Phường Hà Giang 2', 'commune');
  const vietQuang = await add('DEMO-X-VQ', 'Xã Việt Quang', 'commune');
  const dongVan = await add('DEMO-X-DV', 'Xã Đồng Văn', 'commune');
  const lungCu = await add('DEMO-X-LC', 'Xã Lũng Cú', 'commune');

  const event = (kind: 'merge' | 'split' | 'rename', shareBasis: 'population' | 'figure', note: string, predecessors: [string, number][], successors: [string, number][]) =>
    createLineageEvent(db, {
      kind, effectiveOn: MERGER_DAY, shareBasis, note,
      predecessors: predecessors.map(([unitId, share]) => ({ unitId, share })),
      successors: successors.map(([unitId, share]) => ({ unitId, share })),
    }, input.adminId);
  // departments: shares by number of civil servants (a figure the analyst chose)
  await event('merge', 'figure', 'Hợp nhất Sở Tài chính và Sở Kế hoạch và Đầu tư (biên chế)', [[old('DEMO-STC'), 62], [old('DEMO-SKHDT'), 48]], [[finance, 1]]);
  await event('rename', 'figure', 'Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ', [[old('DEMO-STTTT'), 1]], [[science, 1]]);
  await event('rename', 'figure', 'Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi trường', [[old('DEMO-SNNPTNT'), 1]], [[agriculture, 1]]);
  // communes: shares by population
  await event('split', 'population', 'Thành phố Demo tách thành hai phường', [[old('DEMO-TP'), 1]], [[ward1, 32000], [ward2, 26000]]);
  await event('merge', 'population', 'Sắp xếp đơn vị hành chính cấp xã (dân số)', [[old('DEMO-BQ'), 115000], [old('DEMO-XM'), 68000]], [[vietQuang, 1]]);
  await event('merge', 'population', 'Sắp xếp đơn vị hành chính cấp xã (dân số)', [[old('DEMO-DV'), 82000], [old('DEMO-MV'), 87000]], [[dongVan, 1]]);

  const kept = ['DEMO-SNV', 'DEMO-STP', 'DEMO-SGDDT', 'DEMO-SYT'].map(old);
  const units = [...kept, finance, science, agriculture, ward1, ward2, vietQuang, dongVan, lungCu];
  const campaign = await createCampaign(db, {
    name: 'Chỉ số CCHC các sở, ngành, xã 2026 (minh hoạ, chính quyền hai cấp)',
    year: 2026,
    criteriaSetCode: 'par-province-2023',
    bandSetCode: 'province5',
    unitIds: units,
    previousCampaignId: input.campaign2023Id,
  });
  const set = (await loadCriteriaSet(db, campaign.criteriaSetCode))!;
  for (const [u, unitId] of units.entries()) {
    const rand = mulberry32(2026_000 + u); // deterministic: the demo looks the same on every machine
    const quality = 0.74 + 0.24 * rand();
    for (const c of set.criteria) {
      if (!c.source) continue;
      const q = Math.min(1, Math.max(0, quality + (rand() - 0.5) * 0.3));
      await upsertScore(db, {
        campaign_id: campaign.id, unit_id: unitId, criterion_code: c.code,
        self_score: null, appraised: Math.round(c.maxPoints * q * 10000) / 10000,
        numerator: null, denominator: null, not_applicable: false, is_override: false, note: null, updated_by: input.adminId,
      });
    }
  }
  return { campaignId: campaign.id };
}
