import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { upsertScore } from '../../server/features/content-scores/repository';
import { loadCriteriaSet } from '../../server/features/criteria/repository';
import { createUnit } from '../../server/features/units/service';

/**
 * A province's internal index over two years (issue 12 point 11): four departments and two districts in their
 * groups, scored with the 2022 and 2023 provincial sets (every leaf at a share of its maximum, a few leaves at 0),
 * the 2023 campaign following the 2022 one. Sở B has no SIPAS (max 90) and lost 3.4.1 and 3.4.2 entirely.
 */
export async function provinceCampaigns(db: Kysely<DB>) {
  const p = await createUnit(db, { code: 'P', name: 'Tỉnh P', parentId: null, kind: 'province', group: null });
  const mk = (code: string, name: string, k: 'department' | 'district', group: string) => createUnit(db, { code, name, parentId: p.id, kind: k, group });
  const units = [
    await mk('S1', 'Sở A', 'department', 'so-nganh'), await mk('S2', 'Sở B', 'department', 'so-nganh'),
    await mk('S3', 'Sở C', 'department', 'so-nganh'), await mk('S4', 'Sở D', 'department', 'so-nganh'),
    await mk('H1', 'Huyện E', 'district', 'huyen'), await mk('H2', 'Huyện G', 'district', 'huyen'),
  ];
  const ids = units.map((u) => u.id);
  const prev = await createCampaign(db, { name: 'Chỉ số 2022', year: 2022, criteriaSetCode: 'par-province-2022', bandSetCode: 'province5', unitIds: ids, previousCampaignId: null });
  const cur = await createCampaign(db, { name: 'Chỉ số 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'province5', unitIds: ids, previousCampaignId: prev.id });
  // every leaf at a share q of its maximum (a total of 100 q); `low` leaves at 0
  const fill = async (campaign: { id: string; criteriaSetCode: string }, unitId: string, q: number, low: string[] = [], noSipas = false) => {
    const set = (await loadCriteriaSet(db, campaign.criteriaSetCode))!;
    for (const c of set.criteria.filter((c) => c.source)) {
      const na = noSipas && c.source === 'sipas';
      const appraised = na ? null : low.includes(c.code) ? 0 : c.maxPoints * q;
      await upsertScore(db, { campaign_id: campaign.id, unit_id: unitId, criterion_code: c.code, self_score: null, appraised, numerator: null, denominator: null, not_applicable: na, is_override: false, note: null, updated_by: null });
    }
  };
  await fill(cur, ids[0]!, 0.95);
  await fill(cur, ids[1]!, 0.9, ['3.4.1', '3.4.2'], true);
  await fill(cur, ids[2]!, 0.8, ['3.4.1']);
  await fill(cur, ids[3]!, 0.7);
  await fill(cur, ids[4]!, 0.85);
  await fill(cur, ids[5]!, 0.9);
  for (const [i, q] of [0.8, 0.92, 0.85, 0.75, 0.9, 0.8].entries()) await fill(prev, ids[i]!, q);
  return { campaignId: cur.id, previousId: prev.id, unitIds: ids, provinceId: p.id, fill, campaigns: { cur, prev } };
}
