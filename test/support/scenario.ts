import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';

export const HA_GIANG_TABLE = readFileSync(new URL('../../seeds/tables/ha-giang-2022.appendix.tsv', import.meta.url), 'utf8');

/** A province unit assessed in a 2022 campaign with the 2022 criteria set and national bands. */
export async function haGiangCampaign(db: Kysely<DB>, suffix = '') {
  const unit = await createUnit(db, { code: `HG${suffix}`, name: `Tỉnh Hà Giang${suffix}`, parentId: null, kind: 'province', group: 'tinh' });
  const campaign = await createCampaign(db, {
    name: `PAR INDEX 2022${suffix}`, year: 2022, criteriaSetCode: 'par-province-2022', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
  });
  return { unit, campaign, base: `/api/campaigns/${campaign.id}/units/${unit.id}` };
}
