import type { Database } from '../../server/db/database';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { TEST_PASSWORD } from './app';

/** The criteria set of a department's internal self-assessment. */
export const DEPARTMENT_SET = 'internal-department-2025';

/**
 * A department (Sở Tư pháp of Tỉnh Hà Nam) in a campaign on the internal department criteria set, and its officer
 * `stp-officer` (password TEST_PASSWORD) named `officerName`. No phase is open yet.
 */
export async function departmentCampaign(db: Database['db'], officerName: string): Promise<{ campaignId: string; unitId: string }> {
  const province = await createUnit(db, { code: 'HN', name: 'Tỉnh Hà Nam', parentId: null, kind: 'province', group: null });
  const unit = await createUnit(db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id, kind: 'department', group: 'so' });
  const campaign = await createCampaign(db, {
    name: 'Chỉ số CCHC các sở 2025', year: 2025, criteriaSetCode: DEPARTMENT_SET, bandSetCode: 'province5', unitIds: [unit.id], previousCampaignId: null,
  });
  await createUser(db, { username: 'stp-officer', displayName: officerName, role: 'unit_officer', password: TEST_PASSWORD, unitId: unit.id });
  return { campaignId: campaign.id, unitId: unit.id };
}
